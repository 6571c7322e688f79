package dev.hallmark.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.BundleVersion;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.VerificationMaterial;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSigner;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.core.rekor.VerifierKey;
import dev.hallmark.core.x509.Certificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Publishes many packages with provenance to a {@code --dev} Hallmark quickly, as npm 11 would from GitHub Actions
 * but without npm: for each release, the in-toto SLSA provenance statement npm builds ({@link ProvenancePublish}),
 * signed keylessly the way npm's sigstore-js signs it (an ephemeral P-256 key, a certificate from the instance's CA for
 * a job of its development GitHub issuer, the DSSE envelope logged as a dsse entry in its Rekor v1 log, no timestamp),
 * then npm's publish PUT with the bundle attached, several at once. The registry verifies each bundle in full, signs
 * the version and adds its own publish attestation, exactly as for npm.
 *
 * <p>Shared by the audit-at-scale test and {@code bench/run-audit} (through this module's test jar); it uses no test
 * framework, and reports a failure as an exception naming the release.
 */
public final class ProvenancePublisher {
    /** Tokens of the development issuer live 10 minutes; one is reused for this long, then a new one is minted. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * One version to publish, built in GitHub repository {@code repository} ({@code owner/name}): its package.json,
     * its provenance and the signing job all name that repository.
     */
    public record Release(String name, String version, String repository) {
        public Release {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            if (!repository.matches("[\\w.-]+/[\\w.-]+")) {
                throw new IllegalArgumentException("repository is owner/name: " + repository);
            }
        }

        String repositoryUrl() {
            return "git+https://github.com/" + repository + ".git";
        }
    }

    private record Token(String jwt, Instant minted) {
    }

    private final String server;
    private final String registryToken;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private ProvenancePublisher(String server, String registryToken) {
        this.server = server;
        this.registryToken = registryToken;
    }

    /**
     * @param server the Hallmark's root on loopback: its registry answers there, its CA under {@code /ca}, its Rekor
     *     under {@code /log} and its development GitHub issuer under {@code /oidc/github}
     * @param user an account created (or logged into, password {@code pw-secret}) for the publishes
     */
    public static ProvenancePublisher connect(URI server, String user) throws Exception {
        String root = server.toString().replaceAll("/+$", "");
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(root + "/-/user/org.couchdb.user:" + user))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + user + "\",\"password\":\"pw-secret\","
                        + "\"email\":\"" + user + "@example.com\"}")), 201, "login " + user);
        String token = DevHallmark.JSON.readTree(login.body()).get("token").asText();
        return new ProvenancePublisher(root, token);
    }

    /** Publishes every release, {@code concurrency} at a time; the first failure is thrown once all have ended. */
    public void publish(List<Release> releases, int concurrency) throws Exception {
        List<Future<?>> pending = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
            for (Release r : releases) {
                pending.add(threads.submit(() -> {
                    publish(r);
                    return null;
                }));
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    threads.shutdownNow();
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
    }

    /** The claims of a release job in {@code repository}, on a tag named after the version (npm.md §10.1). */
    static Map<String, String> claims(String repository, String version) {
        Map<String, String> claims = new HashMap<>();
        String ref = "refs/tags/v" + version;
        claims.put("repository", repository);
        claims.put("ref", ref);
        claims.put("sha", Digest.sha256(repository.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 40));
        claims.put("workflow_ref", repository + "/.github/workflows/release.yml@" + ref);
        claims.put("event_name", "push");
        claims.put("runner_environment", "github-hosted");
        claims.put("repository_visibility", "public");
        claims.put("repository_id", Integer.toString(Math.abs(repository.hashCode() % 100_000)));
        claims.put("repository_owner", repository.substring(0, repository.indexOf('/')));
        claims.put("repository_owner_id", Integer.toString(Math.abs(claims.get("repository_owner").hashCode() % 100_000)));
        claims.put("run_id", "9001");
        claims.put("run_attempt", "1");
        return claims;
    }

    private void publish(Release r) throws Exception {
        Map<String, String> claims = claims(r.repository(), r.version());
        byte[] tarball = ProvenancePublish.tarball(r.name(), r.version(), r.repositoryUrl(),
                "module.exports = '" + r.name() + "@" + r.version() + "';\n");
        String statement = ProvenancePublish.statement(ProvenancePublish.purl(r.name(), r.version()), tarball, claims);
        String bundleJson = new String(BundleCodec.write(sign(Bytes.utf8(statement), token(claims))), StandardCharsets.UTF_8);
        ObjectNode body = ProvenancePublish.body(r.name(), r.version(), tarball, r.repositoryUrl(), bundleJson);
        send(HttpRequest.newBuilder(URI.create(server + "/" + r.name().replace("/", "%2f")))
                .header("authorization", "Bearer " + registryToken).header("content-type", "application/json")
                .header("npm-command", "publish")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), 201, "publish " + r);
    }

    /**
     * sigstore-js's {@code attest} (sigstore.md §1.1, §3.1): a certificate for a fresh key, proven by signing the
     * token's subject; the statement signed as DSSE; the envelope logged as a dsse 0.0.1 entry; a v0.3 bundle.
     */
    private Bundle sign(Bytes statement, String jwt) throws Exception {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        ObjectNode request = DevHallmark.JSON.createObjectNode();
        request.putObject("credentials").put("oidcIdentityToken", jwt);
        ObjectNode keyRequest = request.putObject("publicKeyRequest");
        keyRequest.putObject("publicKey").put("algorithm", "ECDSA").put("content", Keys.toPem(key.publicKey()));
        String subject = DevHallmark.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).get("sub").asText();
        keyRequest.put("proofOfPossession", key.sign(subject.getBytes(StandardCharsets.UTF_8)).base64());
        JsonNode issued = DevHallmark.JSON.readTree(send(HttpRequest.newBuilder(URI.create(server + "/ca/api/v2/signingCert"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())),
                200, "certificate").body());
        Bytes der = Certificates.der(Certificates.parsePemChain(
                issued.at("/signedCertificateEmbeddedSct/chain/certificates/0").asText()).get(0));
        Envelope envelope = EnvelopeSigner.withoutKeyid(key).sign(Statement.PAYLOAD_TYPE, statement);
        Bytes proposed = RekorV1Entries.proposedDsse(envelope.toJson(), List.of(VerifierKey.certificate(der).toPem()));
        TlogEntry entry = RekorV1Entries.parseResponse(send(HttpRequest.newBuilder(URI.create(server + "/log/api/v1/log/entries"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(proposed.toArray())),
                201, "log entry").body().getBytes(StandardCharsets.UTF_8));
        return new Bundle(BundleVersion.V0_3, new VerificationMaterial(new KeyMaterial.Certificate(der), List.of(entry), List.of()),
                new DsseContent(envelope));
    }

    /** A sigstore-audience token of a job with these claims, reused while fresh. */
    private String token(Map<String, String> claims) throws Exception {
        String key = DevHallmark.JSON.writeValueAsString(new java.util.TreeMap<>(claims));
        Token t = tokens.get(key);
        if (t == null || t.minted().plus(TOKEN_REUSE).isBefore(Instant.now())) {
            JsonNode job = DevHallmark.JSON.readTree(send(HttpRequest.newBuilder(URI.create(server + "/oidc/github/dev/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(DevHallmark.JSON.writeValueAsString(claims))), 200, "job").body());
            String jwt = DevHallmark.JSON.readTree(send(HttpRequest.newBuilder(URI.create(job.get("requestUrl").asText()
                            + "&audience=sigstore")).header("authorization", "Bearer " + job.get("requestToken").asText()),
                    200, "job token").body()).get("value").asText();
            t = new Token(jwt, Instant.now());
            tokens.put(key, t);
        }
        return t.jwt();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, int expected, String what) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r;
    }
}
