package dev.hallmark.ca.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/** A real HTTP server on 127.0.0.1 with routes by exact path, counting the requests each path receives. */
final class OidcTestServer implements AutoCloseable {
    record Response(int status, byte[] body, Map<String, String> headers) {
        static Response json(String body) {
            return new Response(200, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
        }
    }

    private final HttpServer server;
    private final Map<String, Function<HttpExchange, Response>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    OidcTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void route(String path, Function<HttpExchange, Response> handler) {
        routes.put(path, handler);
    }

    /** Serves an issuer's discovery document and JWKS under {@code path}, as the dev issuers lay them out. */
    void serveIssuer(String path, Supplier<String> discovery, Supplier<String> jwks) {
        route(path + "/.well-known/openid-configuration", x -> Response.json(discovery.get()));
        route(path + "/.well-known/jwks", x -> Response.json(jwks.get()));
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Function<HttpExchange, Response> route = routes.get(path);
            Response response = route == null ? new Response(404, new byte[0], Map.of()) : route.apply(exchange);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
