package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.RegistryCommandTest.Run;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.provenance.PlaywrightVector;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hallmark audit} against a test Hallmark that got, over HTTP as npm sends them, two plain publishes
 * (widget, @acme/gadget) and the real npmjs publish of @playwright/cli@0.1.1 with its public-good provenance.
 */
class AuditCommandTest {
    static final String PLAYWRIGHT_REPO = "https://github.com/microsoft/playwright-cli";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static HallmarkServer server;
    static Path project;
    static Path instanceRoot;
    static Path publicGoodRoot;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        publicGoodRoot = data.resolve("public-good-root.json");
        Files.write(publicGoodRoot, Vectors.bytes("npm/playwright-cli-0.1.1/trusted_root.json"));
        Files.writeString(data.resolve("hallmark.yaml"), """
                registry:
                  provenance:
                    extraTrustedRoots: [public-good-root.json]
                """);
        server = HallmarkServer.builder(data).overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0),
                Optional.empty(), Optional.empty(), false)).start();
        instanceRoot = data.resolve("trust/trusted_root.json");
        String token = login("alice");
        publish(token, "widget", RegistryFixture.publishBody("widget", "1.0.0"));
        publish(token, "@acme/gadget", RegistryFixture.publishBody("@acme/gadget", "1.0.0"));
        publish(token, PlaywrightVector.NAME, PlaywrightVector.publishBody(PlaywrightVector.tarball(), PlaywrightVector.provenanceBundle()));
        project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("package-lock.json"), lockfile("widget", "@acme/gadget", PlaywrightVector.NAME));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String registry() {
        return server.urls().registry().toString().replaceAll("/+$", "");
    }

    static String login(String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/-/user/org.couchdb.user:" + user))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + user + "\",\"password\":\"pw-secret\",\"email\":\"" + user + "@example.com\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        return Json.parseObject(r.body().getBytes(), 1 << 16).get("token").asText();
    }

    static void publish(String token, String name, ObjectNode body) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/" + name.replace("/", "%2f")))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Json.parseObject(r.body(), 1 << 26);
    }

    static String packumentPath(String name) {
        return "/" + name.replace("/", "%2f");
    }

    /** A lockfile v3 as npm writes it after installing these packages' latest versions from the test registry. */
    static String lockfile(String... names) throws Exception {
        ObjectNode root = Json.object().put("name", "app").put("version", "1.0.0").put("lockfileVersion", 3).put("requires", true);
        ObjectNode packages = root.putObject("packages");
        packages.putObject("").put("name", "app").put("version", "1.0.0");
        for (String name : names) {
            JsonNode packument = get(packumentPath(name));
            String version = packument.at("/dist-tags/latest").asText();
            JsonNode dist = packument.at("/versions/" + version + "/dist");
            packages.putObject("node_modules/" + name).put("version", version)
                    .put("resolved", dist.get("tarball").asText()).put("integrity", dist.get("integrity").asText());
        }
        packages.putObject("node_modules/local-lib").put("resolved", "packages/local-lib").put("link", true);
        return Json.object().setAll(root).toPrettyString();
    }

    static Run audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--dir", project.toString(),
                "--trusted-root", instanceRoot.toString(), "--trusted-root", publicGoodRoot.toString()));
        args.addAll(List.of(extra));
        return RegistryCommandTest.run(args.toArray(String[]::new));
    }

    static Path policy(String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "policy", ".yaml"), yaml);
    }

    @Test
    void everyPackageVerifiesWithTheInstanceAndPublicGoodRoots() {
        Run r = audit();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("audited 3 packages in ")
                .contains("3 packages have verified registry signatures")
                .contains("1 package has a verified attestation (1 with provenance)")
                .doesNotContain("invalid").doesNotContain("policy");
    }

    @Test
    void jsonReportsEachPackageAndItsProvenance() throws Exception {
        Run r = audit("--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = Json.parseObject(r.out().getBytes(), 1 << 20);
        assertThat(report.get("audited").asInt()).isEqualTo(3);
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.at("/counts/signaturesVerified").asInt()).isEqualTo(3);
        assertThat(report.at("/counts/provenanceVerified").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/signaturesInvalid").asInt()).isZero();
        JsonNode playwright = report.at("/packages/2");
        assertThat(playwright.get("name").asText()).isEqualTo(PlaywrightVector.NAME);
        assertThat(playwright.at("/signature/status").asText()).isEqualTo("verified");
        assertThat(playwright.at("/signature/keyid").asText()).startsWith("SHA256:");
        assertThat(playwright.at("/attestations/provenance/repository").asText()).isEqualTo(PLAYWRIGHT_REPO);
        assertThat(playwright.at("/attestations/provenance/workflow").asText()).isEqualTo(".github/workflows/publish.yml");
        assertThat(playwright.at("/attestations/provenance/ref").asText()).isEqualTo("refs/tags/v0.1.1");
        assertThat(playwright.at("/attestations/predicateTypes").toString()).contains("https://slsa.dev/provenance/v1");
    }

    @Test
    void withoutThePublicGoodRootTheProvenanceIsInvalid() {
        Run r = RegistryCommandTest.run("audit", "--dir", project.toString(), "--trusted-root", instanceRoot.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("1 package has invalid attestations:")
                .contains(PlaywrightVector.NAME + "@" + PlaywrightVector.VERSION + " (").contains("ATTESTATION_INVALID");
    }

    /** A mirror that swapped widget's registry signature for gadget's, and @playwright/cli's provenance signature. */
    @Test
    void aTamperedMirrorIsReportedPackageByPackage() throws Exception {
        String gadgetSig = get(packumentPath("@acme/gadget")).at("/versions/1.0.0/dist/signatures/0/sig").asText();
        String attestationsPath = "/-/npm/v1/attestations/@playwright%2fcli@0.1.1";
        String publishSig = null;
        for (JsonNode a : get(attestationsPath).path("attestations")) {
            if (a.path("predicateType").asText().endsWith("/specs/publish/v0.1")) {
                publishSig = a.at("/bundle/dsseEnvelope/signatures/0/sig").asText();
            }
        }
        assertThat(publishSig).as("the registry's publish attestation").isNotNull();
        try (TamperingProxy mirror = new TamperingProxy(registry(), Map.of(
                "/widget", TamperingProxy.signature("1.0.0", gadgetSig),
                attestationsPath, TamperingProxy.dsseSignature(publishSig)))) {
            Run r = audit("--registry", mirror.url(), "--json");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            JsonNode report = Json.parseObject(r.out().getBytes(), 1 << 20);
            assertThat(report.at("/counts/signaturesInvalid").asInt()).isEqualTo(1);
            assertThat(report.at("/counts/attestationsInvalid").asInt()).isEqualTo(1);
            assertThat(report.at("/packages/0/signature/reason").asText()).isEqualTo("INTEGRITY_SIGNATURE_INVALID");
            assertThat(report.at("/packages/0/ok").asBoolean()).isFalse();
            assertThat(report.at("/packages/1/ok").asBoolean()).isTrue();
            assertThat(report.at("/packages/2/signature/status").asText()).isEqualTo("verified");
            assertThat(report.at("/packages/2/attestations/reason").asText()).isEqualTo("ATTESTATION_INVALID");

            // Per-scope registries from .npmrc: only @playwright comes from the mirror, the rest from the real registry.
            Path npmrc = project.resolve(".npmrc");
            Files.writeString(npmrc, "# test\n@playwright:registry=" + mirror.url() + "\n");
            try {
                Run scoped = audit();
                assertThat(scoped.exit()).isEqualTo(1);
                assertThat(scoped.out()).contains("1 package has invalid attestations:")
                        .contains("@playwright/cli@0.1.1 (" + mirror.url() + "): ATTESTATION_INVALID")
                        .doesNotContain("invalid registry signatures");
            } finally {
                Files.delete(npmrc);
            }
        }
    }

    @Test
    void aPolicyWithTheRightIdentityPasses() throws Exception {
        Run r = audit("--policy", policy("""
                packages:
                  "@playwright/*":
                    repository: %s
                    workflow: .github/workflows/publish.yml
                    ref: /refs\\/tags\\/v[0-9.]+/
                    issuer: https://token.actions.githubusercontent.com
                    requireProvenance: true
                  "*":
                    requireProvenance: false
                """.formatted(PLAYWRIGHT_REPO)).toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("policy");
    }

    @Test
    void aPackageFromAnotherRepositoryFailsThePolicy() throws Exception {
        Run r = audit("--policy", policy("""
                packages:
                  "@playwright/*": { repository: https://github.com/microsoft/playwright }
                  "@playwright/cli": { repository: https://github.com/acme/cli, ref: refs/heads/main }
                """).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("1 package fails the policy:")
                .contains("@playwright/cli@0.1.1: repository is " + PLAYWRIGHT_REPO + ", policy expects https://github.com/acme/cli; "
                        + "ref is refs/tags/v0.1.1, policy expects \\Qrefs/heads/main\\E");
    }

    @Test
    void requiredProvenanceFailsThePackagesWithout() throws Exception {
        Run r = audit("--policy", policy("packages:\n  widget: { requireProvenance: true }\n").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("1 package fails the policy:").contains("widget@1.0.0: no verified provenance")
                .doesNotContain("@acme/gadget@1.0.0:");
        Run all = audit("--require-provenance", "--json");
        assertThat(all.exit()).isEqualTo(1);
        assertThat(Json.parseObject(all.out().getBytes(), 1 << 20).at("/counts/policyFailures").asInt()).isEqualTo(2);
    }

    @Test
    void aBadLockfileIsAOneLineUsageError() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("package-lock.json"), "{\"lockfileVersion\": 1, \"dependencies\": {}}");
        Run r = RegistryCommandTest.run("audit", "--dir", bad.toString(), "--trusted-root", instanceRoot.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("hallmark: invalid lockfile ").contains("lockfileVersion 1 is not supported")
                .doesNotContain("\n");
        Files.writeString(bad.resolve("package-lock.json"), "not json");
        Run notJson = RegistryCommandTest.run("audit", "--dir", bad.toString(), "--trusted-root", instanceRoot.toString());
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err().strip()).startsWith("hallmark: invalid lockfile ").doesNotContain("\n");
    }

    @Test
    void aBadPolicyIsAOneLineUsageError() throws Exception {
        Run r = audit("--policy", policy("packages:\n  widget: { repo: https://github.com/acme/widget }\n").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("hallmark: invalid policy ").endsWith("unknown field 'repo'");
    }
}
