package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.strings.StringMatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole keyless flow on one Hallmark with --dev: a GitHub-Actions-like job token from the development issuer,
 * sigstore-js (the `sigstore` package npm uses) signs with the instance's CA, log and TSA; @sigstore/verify,
 * hallmark-core and sigstore-java 2.0.0 all accept the bundle with an identity policy, and every Fulcio extension
 * in the certificate equals the claim it came from.
 */
class KeylessInteropTest {
    @TempDir
    static Path dir;
    private static HallmarkServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = "acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3";
    private static final Map<String, String> CLAIMS = Map.ofEntries(
            Map.entry("repository", "acme/widget"), Map.entry("ref", "refs/tags/v1.2.3"),
            Map.entry("sha", "0123456789abcdef0123456789abcdef01234567"), Map.entry("workflow", "Release"),
            Map.entry("workflow_ref", WORKFLOW), Map.entry("job_workflow_ref", WORKFLOW),
            Map.entry("event_name", "release"), Map.entry("runner_environment", "self-hosted"),
            Map.entry("repository_visibility", "private"), Map.entry("repository_id", "4242"),
            Map.entry("repository_owner", "acme"), Map.entry("repository_owner_id", "77"),
            Map.entry("run_id", "9001"), Map.entry("run_attempt", "2"));
    private static final byte[] ARTIFACT = "widget-1.2.3.tgz contents\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        server = HallmarkServer.builder(dir.resolve("data"))
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), true))
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String issuer() {
        return server.urls().server() + "/oidc/github";
    }

    /** The job token protocol npm follows in GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN). */
    private static String identityToken() throws Exception {
        JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/dev/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(CLAIMS))).build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(job.get("requestUrl").asText() + "&audience=sigstore"))
                .header("Authorization", "Bearer " + job.get("requestToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("value").asText();
    }

    @Test
    void sigstoreJsSignsKeylesslyAndThreeVerifiersAgree() throws Exception {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"widget-1.2.3.tgz\",\"digest\":{\"sha256\":\""
                + Digest.sha256(ARTIFACT).hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
        Path payload = Files.writeString(dir.resolve("statement.json"), statement);
        Path bundleFile = dir.resolve("keyless.sigstore.json");
        NodeClients.Result signed = NodeClients.run("sign-keyless.mjs", server.urls().ca().toString(), server.urls().log().toString(),
                server.urls().tsa() + "/api/v1/timestamp", identityToken(), payload.toString(), bundleFile.toString());
        assertThat(signed.exit()).as(signed.output()).isZero();
        Path trustedRoot = dir.resolve("data/trust/trusted_root.json");
        String san = "https://github.com/" + WORKFLOW;

        NodeClients.Result js = NodeClients.run("verify-keyless.mjs", bundleFile.toString(), trustedRoot.toString(), san, issuer());
        assertThat(js.output()).isEqualTo("verified");
        NodeClients.Result wrongIdentity = NodeClients.run("verify-keyless.mjs", bundleFile.toString(), trustedRoot.toString(),
                san.replace("widget", "gadget"), issuer());
        assertThat(wrongIdentity.exit()).isEqualTo(1);

        Verifier verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(trustedRoot)), VerifierOptions.defaults(), InstantSource.system());
        VerificationResult result = verifier.verify(BundleCodec.parse(Files.readAllBytes(bundleFile)),
                Policy.forArtifact(ARTIFACT).requireIdentity(CertificateIdentity.exact(san, issuer())
                        .withExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/widget")));
        assertThat(result.trustedTimes()).hasSize(2); // the TSA's and the log's
        FulcioCertificate certificate = ((VerificationResult.VerifiedSigner.Certificate) result.signer()).certificate();
        Map<FulcioExtension, String> expected = Map.ofEntries(
                Map.entry(FulcioExtension.ISSUER, issuer()),
                Map.entry(FulcioExtension.GITHUB_WORKFLOW_TRIGGER, "release"),
                Map.entry(FulcioExtension.GITHUB_WORKFLOW_SHA, CLAIMS.get("sha")),
                Map.entry(FulcioExtension.GITHUB_WORKFLOW_NAME, "Release"),
                Map.entry(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, "acme/widget"),
                Map.entry(FulcioExtension.GITHUB_WORKFLOW_REF, "refs/tags/v1.2.3"),
                Map.entry(FulcioExtension.BUILD_SIGNER_URI, san),
                Map.entry(FulcioExtension.RUNNER_ENVIRONMENT, "self-hosted"),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/widget"),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_DIGEST, CLAIMS.get("sha")),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v1.2.3"),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER, "4242"),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, "https://github.com/acme"),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER, "77"),
                Map.entry(FulcioExtension.BUILD_CONFIG_URI, san),
                Map.entry(FulcioExtension.BUILD_TRIGGER, "release"),
                Map.entry(FulcioExtension.RUN_INVOCATION_URI, "https://github.com/acme/widget/actions/runs/9001/attempts/2"),
                Map.entry(FulcioExtension.SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING, "private"));
        expected.forEach((oid, value) -> assertThat(certificate.extensions().get(oid)).as(oid.oid()).isEqualTo(value));

        KeylessVerifier java = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
        VerificationOptions options = VerificationOptions.builder().addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                .subjectAlternativeName(StringMatcher.string(san)).issuer(StringMatcher.string(issuer())).build()).build();
        java.verify(Digest.sha256(ARTIFACT).value().toArray(),
                dev.sigstore.bundle.Bundle.from(Files.newBufferedReader(bundleFile)), options);
    }

    @Test
    void aBundleWhoseOnlyTrustedTimeIsTheTsaTimestampVerifies() throws Exception {
        Path artifact = Files.write(dir.resolve("widget-1.2.3.tgz"), ARTIFACT);
        Path bundleFile = dir.resolve("rekor-v2.sigstore.json");
        NodeClients.Result signed = NodeClients.run("sign-message-rekor-v2.mjs", server.urls().ca().toString(), server.urls().log().toString(),
                server.urls().tsa() + "/api/v1/timestamp", identityToken(), artifact.toString(), bundleFile.toString());
        assertThat(signed.exit()).as(signed.output()).isZero();
        JsonNode entry = JSON.readTree(bundleFile.toFile()).at("/verificationMaterial/tlogEntries/0");
        assertThat(entry.at("/kindVersion/kind").asText()).isEqualTo("hashedrekord");
        assertThat(entry.at("/kindVersion/version").asText()).isEqualTo("0.0.2");
        assertThat(entry.has("inclusionPromise")).isFalse();

        Path trustedRoot = dir.resolve("data/trust/trusted_root.json");
        String san = "https://github.com/" + WORKFLOW;
        NodeClients.Result js = NodeClients.run("verify-keyless.mjs", bundleFile.toString(), trustedRoot.toString(), san, issuer(),
                artifact.toString());
        assertThat(js.output()).isEqualTo("verified");

        Verifier verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(trustedRoot)), VerifierOptions.defaults(), InstantSource.system());
        VerificationResult result = verifier.verify(BundleCodec.parse(Files.readAllBytes(bundleFile)),
                Policy.forArtifact(ARTIFACT).requireIdentity(CertificateIdentity.exact(san, issuer())));
        assertThat(result.trustedTimes()).singleElement()
                .extracting(VerificationResult.TrustedTime::source).isEqualTo(VerificationResult.TrustedTime.Source.RFC3161_TIMESTAMP);
    }
}
