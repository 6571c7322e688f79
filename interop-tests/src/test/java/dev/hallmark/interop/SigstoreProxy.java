package dev.hallmark.interop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A forward HTTPS proxy that intercepts the public-good Sigstore hosts (npm.md §14 C.1). npm has no setting for its
 * Fulcio, Rekor or TUF mirror, but honours {@code https_proxy}: this proxy answers {@code CONNECT host:443} for the
 * hosts it maps by terminating TLS with a leaf from {@link InterceptionCa}, reads the HTTP/1.1 requests inside, and
 * replays each against the test Hallmark on loopback under the mapped prefix (fulcio → {@code /ca}, rekor →
 * {@code /log}, tuf-repo-cdn → {@code /tuf}; a test may map more, e.g. a registry's HTTPS name onto the server's
 * root). Any other host is refused with 403, so nothing reaches the network.
 *
 * <p>Public because {@code bench/run-audit} runs stock npm through it too (this module's test jar).
 */
public final class SigstoreProxy implements AutoCloseable {
    /** One request the proxy relayed (or, with status 403 and method CONNECT, refused). */
    public record Exchange(String host, String method, String path, int status) {
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "date",
            "from", "via", "warning");

    private final ServerSocket listener;
    private final Map<String, URI> upstreams;
    private final Map<String, SSLContext> tls = new HashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    private SigstoreProxy(ServerSocket listener, Map<String, URI> upstreams, InterceptionCa ca) throws Exception {
        this.listener = listener;
        this.upstreams = Map.copyOf(upstreams);
        for (String host : upstreams.keySet()) {
            tls.put(host, ca.serverContext(host));
        }
    }

    /** The three public-good hosts npm 11 talks to, mapped onto one Hallmark ({@code hallmark} without a slash). */
    public static Map<String, URI> publicGood(URI hallmark) {
        return Map.of("fulcio.sigstore.dev", URI.create(hallmark + "/ca"),
                "rekor.sigstore.dev", URI.create(hallmark + "/log"),
                "tuf-repo-cdn.sigstore.dev", URI.create(hallmark + "/tuf"));
    }

    public static SigstoreProxy forHallmark(URI hallmark, InterceptionCa ca) throws Exception {
        return start(publicGood(hallmark), ca);
    }

    /** @param upstreams for each intercepted host, the base URL its requests go to (path and query appended) */
    public static SigstoreProxy start(Map<String, URI> upstreams, InterceptionCa ca) throws Exception {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SigstoreProxy proxy = new SigstoreProxy(listener, upstreams, ca);
        proxy.threads.submit(proxy::acceptLoop);
        return proxy;
    }

    /** The value for {@code https_proxy}. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            Head connect = Head.read(in);
            if (connect == null) {
                return;
            }
            String[] line = connect.line().split(" ");
            String authority = line.length == 3 ? line[1] : "";
            String host = authority.endsWith(":443") ? authority.substring(0, authority.length() - 4) : "";
            if (!line[0].equals("CONNECT") || !upstreams.containsKey(host)) {
                exchanges.add(new Exchange(authority, line[0], "", 403));
                out.write("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            SSLSocket tlsSocket = (SSLSocket) tls.get(host).getSocketFactory().createSocket(client, null, true);
            tlsSocket.setUseClientMode(false);
            try (tlsSocket) {
                relay(host, new BufferedInputStream(tlsSocket.getInputStream()),
                        new BufferedOutputStream(tlsSocket.getOutputStream()));
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or sent something this proxy does not speak; the connection just ends
        }
    }

    /** Keep-alive loop: each decrypted request is replayed against the mapped Hallmark prefix. */
    private void relay(String host, InputStream in, OutputStream out) throws IOException, InterruptedException {
        while (true) {
            Head head = Head.read(in);
            if (head == null) {
                return;
            }
            String[] line = head.line().split(" ");
            if (line.length != 3 || !line[1].startsWith("/")) {
                throw new IOException("not an origin-form request: " + head.line());
            }
            byte[] body = head.body(in);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstreams.get(host) + line[1]))
                    .method(line[0], body.length == 0 && !line[0].equals("POST") && !line[0].equals("PUT")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            head.headers().forEach((name, value) -> {
                if (!HOP_HEADERS.contains(name)) {
                    request.header(name, value);
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchanges.add(new Exchange(host, line[0], line[1], response.statusCode()));
            StringBuilder reply = new StringBuilder("HTTP/1.1 ").append(response.statusCode()).append(" X\r\n");
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> reply.append(name).append(": ").append(v).append("\r\n"));
                }
            });
            byte[] responseBody = line[0].equals("HEAD") ? new byte[0] : response.body();
            reply.append("content-length: ").append(responseBody.length).append("\r\n\r\n");
            out.write(reply.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(responseBody);
            out.flush();
            if ("close".equalsIgnoreCase(head.headers().get("connection"))) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
        http.close();
    }

    /** A request line and its headers (names lower-cased; a repeated header keeps its last value). */
    private record Head(String line, Map<String, String> headers) {
        /** Reads up to the blank line; null at a clean end of stream before any byte. */
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    if (bytes.size() == 0) {
                        return null;
                    }
                    throw new IOException("truncated request head");
                }
                bytes.write(b);
                matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
                if (bytes.size() > MAX_HEAD_BYTES) {
                    throw new IOException("request head too large");
                }
            }
            String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            return new Head(lines[0], headers);
        }

        /** The body by Content-Length or chunked transfer coding (RFC 9112 §6.3, §7.1); trailers are dropped. */
        byte[] body(InputStream in) throws IOException {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while (true) {
                    String size = lineOf(in);
                    int semicolon = size.indexOf(';');
                    int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (n == 0) {
                        while (!lineOf(in).isEmpty()) {
                            // trailer fields
                        }
                        return body.toByteArray();
                    }
                    if (body.size() + n > MAX_BODY_BYTES) {
                        throw new IOException("body too large");
                    }
                    body.write(in.readNBytes(n));
                    lineOf(in);
                }
            }
            long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new IOException("bad content-length");
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("truncated body");
            }
            return body;
        }

        private static String lineOf(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0 || s.length() > 1024) {
                    throw new IOException("bad chunk line");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }
    }
}
