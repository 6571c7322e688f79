package dev.hallmark.registry.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A scriptable upstream registry on 127.0.0.1 (com.sun.net.httpserver): replies by raw request path, ETag handling
 * like a registry's (If-None-Match equal to the reply's ETag gives 304), and a log of every request seen.
 */
final class FakeUpstream implements AutoCloseable {
    /** @param delayMillis how long to wait before answering; @param chunked send no Content-Length */
    record Reply(int status, byte[] body, Optional<String> etag, Map<String, String> headers, boolean chunked,
                 long delayMillis) {
        static Reply json(ObjectNode doc, String etag) {
            return new Reply(200, Json.write(doc), Optional.of(etag), Map.of("Content-Type", "application/json"),
                    false, 0);
        }

        static Reply bytes(byte[] body) {
            return new Reply(200, body, Optional.empty(), Map.of("Content-Type", "application/octet-stream"), false, 0);
        }

        static Reply status(int status) {
            return new Reply(status, "{\"error\":\"scripted\"}".getBytes(StandardCharsets.UTF_8), Optional.empty(),
                    Map.of(), false, 0);
        }

        Reply chunkedBody() {
            return new Reply(status, body, etag, headers, true, delayMillis);
        }

        Reply delayed(long millis) {
            return new Reply(status, body, etag, headers, chunked, millis);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, etag, more, chunked, delayMillis);
        }
    }

    /** One request as received: method, raw path (escapes kept) and the headers that matter here. */
    record Seen(String method, String rawPath, Optional<String> ifNoneMatch, Optional<String> authorization,
                Optional<String> accept) {
    }

    final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void reply(String rawPath, Reply reply) {
        replies.put(rawPath, reply);
    }

    void remove(String rawPath) {
        replies.remove(rawPath);
    }

    long count(String rawPath) {
        return requests.stream().filter(r -> r.rawPath().equals(rawPath)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            var h = exchange.getRequestHeaders();
            Optional<String> ifNoneMatch = Optional.ofNullable(h.getFirst("If-None-Match"));
            requests.add(new Seen(exchange.getRequestMethod(), path, ifNoneMatch,
                    Optional.ofNullable(h.getFirst("Authorization")), Optional.ofNullable(h.getFirst("Accept"))));
            Reply reply = replies.getOrDefault(path, Reply.status(404));
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            reply.etag().ifPresent(e -> exchange.getResponseHeaders().set("ETag", e));
            if (reply.etag().isPresent() && ifNoneMatch.equals(reply.etag())) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : reply.body().length == 0 ? -1
                    : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            } catch (IOException e) {
                // the client gave up (size limit, timeout): nothing to do
            }
        }
    }

    /** Stops answering: the port then refuses connections, like an upstream that is down. */
    @Override
    public void close() {
        server.stop(0);
    }
}
