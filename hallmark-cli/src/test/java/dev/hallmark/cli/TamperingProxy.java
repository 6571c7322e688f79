package dev.hallmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A registry mirror that has been tampered with: it answers GETs from a real Hallmark registry, but rewrites the
 * responses of chosen paths (a packument whose signature was swapped, an attestation whose DSSE signature was
 * swapped), as a compromised mirror or a man in the middle would. Binds 127.0.0.1 only.
 */
final class TamperingProxy implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final HttpServer server;

    TamperingProxy(String upstream, Map<String, UnaryOperator<ObjectNode>> rewrites) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(upstream + path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                byte[] body = r.body();
                UnaryOperator<ObjectNode> rewrite = rewrites.get(path);
                if (rewrite != null && r.statusCode() == 200) {
                    body = Json.write(rewrite.apply(Json.parseObject(body, 1 << 26)));
                }
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(502, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Sets {@code versions[version].dist.signatures[0].sig} of a packument. */
    static UnaryOperator<ObjectNode> signature(String version, String sig) {
        return packument -> {
            ((ObjectNode) packument.at("/versions/" + version + "/dist/signatures/0")).put("sig", sig);
            return packument;
        };
    }

    /** Sets the DSSE signature of every attestation in an attestations response. */
    static UnaryOperator<ObjectNode> dsseSignature(String sig) {
        return response -> {
            for (JsonNode a : response.path("attestations")) {
                ((ObjectNode) a.at("/bundle/dsseEnvelope/signatures/0")).put("sig", sig);
            }
            return response;
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
