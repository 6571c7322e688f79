package dev.hallmark.server.ca;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hallmark.ca.oidc.JwtMinter;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OIDC issuers on 127.0.0.1 for the CA's server tests: under any path P, {@code P/.well-known/openid-configuration}
 * names issuer {@code http://127.0.0.1:<port>P} and {@code P/.well-known/jwks} serves one P-256 key, so every path is
 * an issuer (the CA decides which it trusts). Tokens are minted with the CA's own {@link JwtMinter}.
 */
final class LocalIssuers implements AutoCloseable {
    private static final String DISCOVERY = "/.well-known/openid-configuration";
    private static final String JWKS = "/.well-known/jwks";

    final Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final HttpServer server;
    private final Map<String, AtomicInteger> jwksFetches = new ConcurrentHashMap<>();

    LocalIssuers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The issuer URL for a path such as {@code /gh}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A token for {@code claims}, signed with this issuer's key under its {@code kid}. */
    String mint(ObjectNode claims) {
        return mint(key, claims);
    }

    /** Signs {@code claims} as they are, whatever their {@code iss} (look-alike issuers included). */
    static String mint(Signer signer, ObjectNode claims) {
        return new JwtMinter(signer, "http://127.0.0.1/minter").mint(claims); // the minter's URL is not in the token
    }

    String keyId() {
        return new JwtMinter(key, url("/any")).keyId();
    }

    /** How often the CA fetched the issuer's JWKS at {@code path}. */
    int jwksFetches(String path) {
        AtomicInteger n = jwksFetches.get(path);
        return n == null ? 0 : n.get();
    }

    /** GitHub Actions claims (sigstore.md §1.3) for {@code iss}, valid from {@code now} for ten minutes. */
    static ObjectNode githubClaims(String iss, Instant now) {
        ObjectNode c = Json.object();
        c.put("iss", iss);
        c.put("aud", "sigstore");
        c.put("iat", now.getEpochSecond());
        c.put("nbf", now.getEpochSecond());
        c.put("exp", now.plusSeconds(600).getEpochSecond());
        c.put("sub", "repo:acme/widget:ref:refs/tags/v1.2.3");
        c.put("repository", "acme/widget");
        c.put("repository_id", "1001");
        c.put("repository_owner", "acme");
        c.put("repository_owner_id", "2002");
        c.put("repository_visibility", "public");
        c.put("workflow", "release");
        c.put("workflow_ref", "acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3");
        c.put("workflow_sha", "0123456789abcdef0123456789abcdef01234567");
        c.put("job_workflow_ref", "acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3");
        c.put("job_workflow_sha", "0123456789abcdef0123456789abcdef01234567");
        c.put("sha", "89abcdef0123456789abcdef0123456789abcdef");
        c.put("ref", "refs/tags/v1.2.3");
        c.put("event_name", "push");
        c.put("runner_environment", "github-hosted");
        c.put("run_id", "77");
        c.put("run_attempt", "1");
        return c;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            if (path.endsWith(DISCOVERY)) {
                String issuer = url(path.substring(0, path.length() - DISCOVERY.length()));
                body = new JwtMinter(key, issuer).discovery().getBytes(StandardCharsets.UTF_8);
            } else if (path.endsWith(JWKS)) {
                jwksFetches.computeIfAbsent(path.substring(0, path.length() - JWKS.length()), p -> new AtomicInteger())
                        .incrementAndGet();
                body = new JwtMinter(key, url("/any")).jwks().getBytes(StandardCharsets.UTF_8);
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
