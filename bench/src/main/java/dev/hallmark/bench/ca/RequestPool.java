package dev.hallmark.bench.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code POST /api/v2/signingCert} bodies built up front, as sigstore-js builds them (sigstore.md §1.1; sigstore-js
 * {@code CAClient.createSigningCertificate}): a fresh ECDSA P-256 key per request, its SPKI as PEM, and the proof of
 * possession, an ECDSA-SHA256 signature over the token's {@code sub}. Tokens come from the server's development GitHub
 * issuer through the job token protocol npm uses ({@code POST /oidc/github/dev/jobs}, then {@code GET /dev/token}),
 * a pool of {@code tokens} minted first and shared round-robin. Building happens before any timing, so the clients
 * spend no CPU on key generation while the CA is measured. Tokens live 10 minutes: {@link #stale} says when to rebuild.
 */
record RequestPool(List<Bytes> bodies, List<String> tokens, long mintedAtNanos) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    static RequestPool build(HttpClient http, String issuer, int tokens, int requests) throws Exception {
        long minted = System.nanoTime();
        List<String> jwts = mint(http, issuer, tokens);
        List<String> subjects = jwts.stream().map(RequestPool::subject).toList();
        List<Bytes> bodies = IntStream.range(0, requests).parallel()
                .mapToObj(i -> body(jwts.get(i % jwts.size()), subjects.get(i % jwts.size()))).toList();
        return new RequestPool(bodies, jwts, minted);
    }

    boolean stale() {
        return System.nanoTime() - mintedAtNanos > MAX_AGE.toNanos();
    }

    int size() {
        return bodies.size();
    }

    /** One job per 64 tokens (distinct repositories, so distinct subjects and SANs), each token a fresh JWT. */
    private static List<String> mint(HttpClient http, String issuer, int count) throws Exception {
        List<String> jwts = new ArrayList<>(count);
        JsonNode job = null;
        for (int i = 0; i < count; i++) {
            if (i % 64 == 0) {
                ObjectNode claims = JSON.createObjectNode();
                claims.put("repository", "bench/pkg-" + (i / 64));
                claims.put("ref", "refs/tags/v1.0." + (i / 64));
                job = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(issuer + "/dev/jobs"))
                        .POST(HttpRequest.BodyPublishers.ofString(claims.toString())).build()));
            }
            JsonNode token = JSON.readTree(send(http,
                    HttpRequest.newBuilder(URI.create(job.path("requestUrl").asText() + "&audience=sigstore"))
                            .header("Authorization", "Bearer " + job.path("requestToken").asText()).GET().build()));
            jwts.add(token.path("value").asText());
        }
        return jwts;
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The challenge claim the dev GitHub issuer is configured with: {@code sub}. */
    private static String subject(String jwt) {
        try {
            String payload = jwt.substring(jwt.indexOf('.') + 1, jwt.lastIndexOf('.'));
            return JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("sub").asText();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable identity token", e);
        }
    }

    private static Bytes body(String jwt, String sub) {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Bytes proof = key.sign(sub.getBytes(StandardCharsets.UTF_8));
        ObjectNode root = JSON.createObjectNode();
        root.putObject("credentials").put("oidcIdentityToken", jwt);
        ObjectNode request = root.putObject("publicKeyRequest");
        request.putObject("publicKey").put("algorithm", "ECDSA").put("content", Keys.toPem(key.publicKey()));
        request.put("proofOfPossession", proof.base64());
        return Bytes.utf8(root.toString());
    }
}
