package dev.hallmark.bench.reliability;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 keep-alive connection over a blocking socket, for load generation: requests are pre-built bytes,
 * the response is parsed only as far as the harness needs (status, Retry-After, Content-Length, Connection) and its
 * body is kept only up to {@code keepBodyBytes}: as little client work per request as possible, because the generator
 * shares two cores with the server it overloads. Not thread-safe: one per virtual thread.
 */
final class RawHttp implements AutoCloseable {
    /** One answer. {@code body} holds at most the bytes asked for; {@code bodyLength} is the full length. */
    record Reply(int status, Optional<String> retryAfter, byte[] body, long bodyLength) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(URI base, int timeoutMillis) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.timeoutMillis = timeoutMillis;
    }

    /** A GET (or other body-less request) with the given extra header lines (each ending in CRLF). */
    static byte[] request(String method, URI base, String path, String extraHeaders, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append(extraHeaders);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends one request and reads its answer; reconnects first if the previous answer closed the connection. */
    Reply exchange(byte[] request, int keepBodyBytes) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            // A server may answer (413, 503) and close before the body is all sent; its answer is then still readable.
            try {
                Reply early = read(keepBodyBytes);
                close();
                return early;
            } catch (IOException | RuntimeException ignored) {
                close();
                throw e;
            }
        }
        try {
            return read(keepBodyBytes);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
    }

    private Reply read(int keepBodyBytes) throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        String retryAfter = null;
        for (String h; !(h = line()).isEmpty();) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                case "retry-after" -> retryAfter = value;
                default -> { }
            }
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total;
        if (chunked) {
            total = 0;
            for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0;) {
                total += body(size, kept, keepBodyBytes);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            total = body(length, kept, keepBodyBytes);
        } else {
            closes = true;
            total = body(Long.MAX_VALUE, kept, keepBodyBytes);
        }
        if (closes) {
            close();
        }
        return new Reply(status, Optional.ofNullable(retryAfter), kept.toByteArray(), total);
    }

    private long body(long length, ByteArrayOutputStream kept, int keep) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        while (read < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - read));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return read;
                }
                throw new EOFException("body ended after " + read + " of " + length + " bytes");
            }
            int room = keep - kept.size();
            if (room > 0) {
                kept.write(buffer, 0, Math.min(room, n));
            }
            read += n;
        }
        return read;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
            if (sb.length() > 16 * 1024) {
                throw new IOException("header line too long");
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
