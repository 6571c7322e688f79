package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.server.HallmarkServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hallmark sign-bundle} against an in-process Hallmark with --dev, driven exactly as the sigstore-conformance
 * harness drives it, and its output checked by this CLI's {@code verify-bundle} with the signer's identity.
 */
class SignBundleCommandTest {
    private static final String WORKFLOW = "acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3";
    private static final Map<String, String> CLAIMS = Map.of("repository", "acme/widget", "ref", "refs/tags/v1.2.3",
            "workflow_ref", WORKFLOW, "job_workflow_ref", WORKFLOW, "sha", "0123456789abcdef0123456789abcdef01234567");
    private static final String SAN = "https://github.com/" + WORKFLOW;

    @TempDir
    static Path dir;
    static HallmarkServer server;
    static Path data;
    static Path artifact;

    @BeforeAll
    static void start() throws Exception {
        data = dir.resolve("data");
        server = DevStack.start(data, true);
        artifact = Files.writeString(dir.resolve("widget-1.2.3.tgz"), "widget 1.2.3 contents\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String token() throws Exception {
        return DevStack.githubToken(server, CLAIMS);
    }

    private static DevStack.Run verify(Path bundle, String artifactOrDigest, String san) {
        return DevStack.run("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", san,
                "--certificate-oidc-issuer", DevStack.githubIssuer(server), "--trusted-root",
                data.resolve("trust/trusted_root.json").toString(), artifactOrDigest);
    }

    private static JsonNode entry(Path bundle) throws Exception {
        return DevStack.JSON.readTree(bundle.toFile()).at("/verificationMaterial/tlogEntries/0/kindVersion");
    }

    @Test
    void aFileSignedWithTheInstancesServicesVerifiesWithTheIdentity() throws Exception {
        Path bundle = dir.resolve("file.sigstore.json");
        DevStack.Run signed = DevStack.run("sign-bundle", "--identity-token", token(), "--bundle", bundle.toString(),
                "--data", data.toString(), artifact.toString());
        assertThat(signed.exit()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("signed by " + SAN);
        JsonNode json = DevStack.JSON.readTree(bundle.toFile());
        assertThat(json.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
        assertThat(entry(bundle).toString()).isEqualTo("{\"kind\":\"hashedrekord\",\"version\":\"0.0.1\"}");
        assertThat(json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps")).hasSize(1);

        assertThat(verify(bundle, artifact.toString(), SAN).exit()).isZero();
        String digest = "sha256:" + Digest.sha256(Files.readAllBytes(artifact)).hex();
        assertThat(verify(bundle, digest, SAN).exit()).isZero();
        DevStack.Run other = verify(bundle, artifact.toString(), SAN.replace("widget", "gadget"));
        assertThat(other.exit()).isEqualTo(1);
        assertThat(verify(bundle, Files.writeString(dir.resolve("other.tgz"), "other").toString(), SAN).exit()).isEqualTo(1);
    }

    @Test
    void anInTotoStatementIsSignedAsDsseAndVerifiesForItsSubject() throws Exception {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"widget-1.2.3.tgz\",\"digest\":{\"sha256\":\""
                + Digest.sha256(Files.readAllBytes(artifact)).hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
        Path payload = Files.writeString(dir.resolve("statement.json"), statement);
        Path bundle = dir.resolve("statement.sigstore.json");
        DevStack.Run signed = DevStack.run("sign-bundle", "--in-toto", "--identity-token", token(), "--bundle", bundle.toString(),
                "--signing-config", data.resolve("trust/signing_config.json").toString(),
                "--trusted-root", data.resolve("trust/trusted_root.json").toString(), payload.toString());
        assertThat(signed.exit()).as(signed.err()).isZero();
        assertThat(entry(bundle).toString()).isEqualTo("{\"kind\":\"dsse\",\"version\":\"0.0.1\"}");
        JsonNode envelope = DevStack.JSON.readTree(bundle.toFile()).get("dsseEnvelope");
        assertThat(envelope.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
        assertThat(new String(java.util.Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8))
                .isEqualTo(statement);
        assertThat(verify(bundle, artifact.toString(), SAN).exit()).isZero();
        assertThat(verify(bundle, payload.toString(), SAN).exit()).as("the statement is not its own subject").isEqualTo(1);
    }

    @Test
    void aSigningConfigThatSelectsRekorV2GivesAHashedRekord002Entry() throws Exception {
        ObjectNode config = (ObjectNode) DevStack.JSON.readTree(data.resolve("trust/signing_config.json").toFile());
        ((ObjectNode) config.get("rekorTlogUrls").get(0)).put("majorApiVersion", 2);
        Path v2 = Files.writeString(dir.resolve("signing_config.rekor-v2.json"), config.toString());
        Path bundle = dir.resolve("v2.sigstore.json");
        DevStack.Run signed = DevStack.run("sign-bundle", "--identity-token", token(), "--bundle", bundle.toString(),
                "--signing-config", v2.toString(), "--data", data.toString(), artifact.toString());
        assertThat(signed.exit()).as(signed.err()).isZero();
        assertThat(entry(bundle).toString()).isEqualTo("{\"kind\":\"hashedrekord\",\"version\":\"0.0.2\"}");
        assertThat(DevStack.JSON.readTree(bundle.toFile()).at("/verificationMaterial/tlogEntries/0").has("inclusionPromise")).isFalse();
        assertThat(verify(bundle, artifact.toString(), SAN).exit()).isZero();

        // Rekor v2 has only hashedrekord: a DSSE envelope is logged as the digest of its PAE (sigstore.md §4.1).
        Path statementBundle = dir.resolve("v2-statement.sigstore.json");
        Path statement = Files.writeString(dir.resolve("v2-statement.json"), "{\"_type\":\"https://in-toto.io/Statement/v1\","
                + "\"subject\":[{\"name\":\"w\",\"digest\":{\"sha256\":\"" + Digest.sha256(Files.readAllBytes(artifact)).hex()
                + "\"}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}");
        DevStack.Run dsse = DevStack.run("sign-bundle", "--in-toto", "--identity-token", token(), "--bundle",
                statementBundle.toString(), "--signing-config", v2.toString(), "--data", data.toString(), statement.toString());
        assertThat(dsse.exit()).as(dsse.err()).isZero();
        assertThat(entry(statementBundle).toString()).isEqualTo("{\"kind\":\"hashedrekord\",\"version\":\"0.0.2\"}");
        assertThat(verify(statementBundle, artifact.toString(), SAN).exit()).isZero();
    }

    @Test
    void aTokenTheCaRefusesIsOneLineAndExitStatus1AndNoBundle() throws Exception {
        String good = token();
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        for (String token : new String[] {tampered, "not-a-jwt"}) {
            Path bundle = dir.resolve("refused.sigstore.json");
            DevStack.Run r = DevStack.run("sign-bundle", "--identity-token", token, "--bundle", bundle.toString(),
                    "--data", data.toString(), artifact.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("hallmark: ").doesNotContain("\n").doesNotContain(good.substring(0, 20));
            assertThat(bundle).doesNotExist();
            assertThat(r.err()).contains(token.equals(tampered) ? "the CA refused the request (HTTP 400)" : "not a JWT");
        }
    }

    @Test
    void aSigningConfigWithANonHttpUrlIsAUsageError() throws Exception {
        ObjectNode config = (ObjectNode) DevStack.JSON.readTree(data.resolve("trust/signing_config.json").toFile());
        ((ObjectNode) config.get("caUrls").get(0)).put("url", "file:///etc/passwd");
        Path file = Files.writeString(dir.resolve("signing_config.file.json"), config.toString());
        DevStack.Run r = DevStack.run("sign-bundle", "--identity-token", token(), "--bundle", dir.resolve("x.json").toString(),
                "--signing-config", file.toString(), "--data", data.toString(), artifact.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("hallmark: CA URL file:///etc/passwd is not an http(s) URL");
    }
}
