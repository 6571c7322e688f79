package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.Vectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyBundleCommandTest {
    private static final String PLAYWRIGHT = "npm/playwright-cli-0.1.1/";
    private static final String SAN = "https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String vector(String path) {
        return Vectors.path(path).toString();
    }

    @Test
    void verifiesRealNpmProvenanceAndReportsJson() throws Exception {
        Run r = run("verify-bundle", "--json", "--bundle", vector(PLAYWRIGHT + "playwright-cli-0.1.1-provenance.sigstore.json"),
                "--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER,
                "--trusted-root", vector("conformance/trusted_root.production.json"), vector(PLAYWRIGHT + "playwright-cli-0.1.1.tgz"));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(json.get("signer").asText()).startsWith(SAN);
        assertThat(json.get("tlogEntries").get(0).get("logIndex").asLong()).isEqualTo(953297574L);
        assertThat(json.get("trustedTimes").get(0).get("source").asText()).isEqualTo("TLOG_INTEGRATED_TIME");
    }

    @Test
    void aWrongIdentityFailsWithItsReasonInJsonAndOneLineOnStderr() throws Exception {
        Run r = run("verify-bundle", "--json", "--bundle", vector(PLAYWRIGHT + "playwright-cli-0.1.1-provenance.sigstore.json"),
                "--certificate-identity", SAN.replace("microsoft", "micr0soft"), "--certificate-oidc-issuer", ISSUER,
                "--trusted-root", vector("conformance/trusted_root.production.json"), vector(PLAYWRIGHT + "playwright-cli-0.1.1.tgz"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(r.out()).get("reason").asText()).isEqualTo("IDENTITY_MISMATCH");
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("hallmark: verification failed: IDENTITY_MISMATCH");
    }

    @Test
    void usesTheInstanceTrustRootFromTheDataDirectory(@TempDir Path data) throws Exception {
        Files.createDirectories(data.resolve("trust"));
        Files.copy(Vectors.path("conformance/trusted_root.production.json"), data.resolve("trust/trusted_root.json"));
        Run r = run("verify-bundle", "--data", data.toString(), "--bundle", vector("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json"),
                "--certificate-identity", "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
                "--certificate-oidc-issuer", ISSUER, vector("conformance/bundle-verify/a.txt"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("OK: verified");
    }

    @Test
    void withoutAnyTrustRootItSaysSoClearly(@TempDir Path empty) {
        Run r = run("verify-bundle", "--data", empty.toString(), "--bundle", vector("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json"),
                "--certificate-identity", "x", "--certificate-oidc-issuer", "y", vector("conformance/bundle-verify/a.txt"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("hallmark: no trusted root").contains("--trusted-root");
        assertThat(r.err().strip().lines()).hasSize(1);
        Run staging = run("verify-bundle", "--staging", "--bundle", vector("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json"),
                "--certificate-identity", "x", "--certificate-oidc-issuer", "y", vector("conformance/bundle-verify/a.txt"));
        assertThat(staging.exit()).isEqualTo(2);
        assertThat(staging.err()).contains("staging");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path garbageKey = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        String root = vector("conformance/trusted_root.production.json");
        String bundle = vector("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
        String artifact = vector("conformance/bundle-verify/a.txt");
        Run[] runs = {
            run("verify-bundle", "--bundle", dir.resolve("missing.json").toString(), "--key", garbageKey.toString(), "--trusted-root", root, artifact),
            run("verify-bundle", "--bundle", dir.toString(), "--key", garbageKey.toString(), "--trusted-root", root, artifact),
            run("verify-bundle", "--bundle", bundle, "--key", garbageKey.toString(), "--trusted-root", root, artifact),
            run("verify-bundle", "--bundle", bundle, "--key", garbageKey.toString(), "--trusted-root", artifact, artifact),
            run("verify-bundle", "--bundle", bundle, "--key", garbageKey.toString(), "--certificate-identity", "x",
                    "--certificate-oidc-issuer", "y", "--trusted-root", root, artifact),
            run("verify-bundle", "--bundle", bundle, "--certificate-identity", "x", "--trusted-root", root, artifact),
            run("verify-bundle", "--bundle", bundle, "--key", garbageKey.toString(), "--trusted-root", root, dir.resolve("nope").toString()),
        };
        for (Run r : runs) {
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("hallmark: ").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aMalformedBundleIsAVerificationFailureNamingTheFile(@TempDir Path dir) throws Exception {
        Path bundle = Files.writeString(dir.resolve("b.json"), "{\"mediaType\": \"application/vnd.dev.sigstore.bundle+json;version=9\"}");
        Run r = run("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", "x", "--certificate-oidc-issuer", "y",
                "--trusted-root", vector("conformance/trusted_root.production.json"), vector("conformance/bundle-verify/a.txt"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("invalid bundle").contains("b.json").contains("media type");
    }
}
