package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.publish.ProvenanceStatements;
import dev.hallmark.registry.RegistryFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's proof of {@code hallmark publish}: in the same fake CI job as stock npm 11 (same variables, same proxy and
 * CA, same registry at its HTTPS name), Hallmark's CLI packs the same bytes npm packs, builds the same provenance
 * statement field for field, signs it through the CA and log the instance's signing config names (fetched through its
 * TUF repository), and publishes; {@code @sigstore/verify} verifies the bundle and {@code npm audit signatures}
 * verifies the result after {@code npm install}. GitHub Actions (trusted publishing, no token), GitLab CI (a token in
 * .npmrc) and a CI npm does not support (any OIDC token the CA accepts).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HallmarkPublishInteropTest {
    static final String REGISTRY = "https://registry.example";
    static final Map<String, String> GITHUB_CLAIMS = Map.ofEntries(
            Map.entry("repository", "acme/widget"), Map.entry("ref", "refs/tags/v1.0.0"),
            Map.entry("sha", "8f3a9a0e5d1c4b2a7e6f5d4c3b2a1908f7e6d5c4"),
            Map.entry("workflow_ref", "acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0"),
            Map.entry("event_name", "push"), Map.entry("runner_environment", "github-hosted"),
            Map.entry("repository_visibility", "public"), Map.entry("repository_id", "4242"),
            Map.entry("repository_owner", "acme"), Map.entry("repository_owner_id", "77"),
            Map.entry("run_id", "9001"), Map.entry("run_attempt", "1"));
    static final String GITLAB_SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    static Path dir;
    static DevHallmark hallmark;
    static SigstoreProxy proxy;
    static Path proxyCa;
    static String alice;
    /** npm's own statement for @acme/widget@1.0.0, from its provenance attestation. */
    static JsonNode npmGithubStatement;

    @BeforeAll
    static void start() throws Exception {
        hallmark = DevHallmark.start(dir.resolve("data"), "registry:\n  baseUrl: " + REGISTRY + "\n");
        InterceptionCa ca = InterceptionCa.create();
        proxyCa = ca.writePem(dir.resolve("proxy-ca.pem"));
        Map<String, URI> hosts = new HashMap<>(SigstoreProxy.publicGood(URI.create(hallmark.url())));
        hosts.put(URI.create(REGISTRY).getHost(), URI.create(hallmark.url()));
        proxy = SigstoreProxy.start(hosts, ca);
        alice = hallmark.login("alice");
        for (String name : new String[] {"@acme/widget", "@acme/gitlab-widget", "@acme/any-ci-widget"}) {
            assertThat(hallmark.send("PUT", "/" + name.replace("/", "%2f"), alice,
                    RegistryFixture.publishBody(name, "0.0.1").toString()).statusCode()).isEqualTo(201);
        }
        var trust = hallmark.send("POST", "/-/package/@acme%2fwidget/trust", alice,
                "[{\"type\":\"github\",\"claims\":{\"repository\":\"acme/widget\",\"workflow_ref\":{\"file\":\"release.yml\"}},"
                        + "\"permissions\":[\"createPackage\"]}]");
        assertThat(trust.statusCode()).as(trust.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (hallmark != null) {
            hallmark.close();
        }
    }

    @Test
    @Order(1)
    void inGithubActionsTheTarballAndTheStatementAreNpms() throws Exception {
        Path pkg = widget("widget", "@acme/widget", "1.0.0", "git+https://github.com/acme/widget.git");
        StockNpm npm = githubJob();
        StockNpm.Result npmPublish = npm.run(pkg, "publish");
        assertThat(npmPublish.exit()).as(npmPublish.output()).isZero();
        JsonNode published = packument("@acme/widget").at("/versions/1.0.0");
        npmGithubStatement = provenanceStatement("@acme/widget", "1.0.0");

        StockNpm.Result dryRun = HallmarkCli.run(pkg, npm.environment(), "publish", "--dry-run", "--provenance", "--json");

        assertThat(dryRun.exit()).as(dryRun.output()).isZero();
        JsonNode report = DevHallmark.JSON.readTree(dryRun.stdout());
        assertThat(report.get("integrity").asText()).isEqualTo(published.at("/dist/integrity").asText());
        assertThat(report.get("shasum").asText()).isEqualTo(published.at("/dist/shasum").asText());
        assertThat(report.get("provenanceStatement")).isEqualTo(npmGithubStatement);
        assertThat(npmGithubStatement.at("/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit").asText())
                .isEqualTo(GITHUB_CLAIMS.get("sha"));
    }

    @Test
    @Order(2)
    void inGithubActionsHallmarkPublishesThroughTrustedPublishingWithProvenance() throws Exception {
        Path pkg = widget("widget", "@acme/widget", "1.0.1", "git+https://github.com/acme/widget.git");
        StockNpm npm = githubJob();

        StockNpm.Result publish = HallmarkCli.run(pkg, npm.environment(), "publish");

        assertThat(publish.exit()).as(publish.output()).isZero();
        assertThat(publish.stdout()).contains("+ @acme/widget@1.0.1");
        assertThat(publish.stderr()).contains("Signed provenance statement with source and build information from GitHub Actions")
                .contains("Provenance statement published to transparency log: ");
        JsonNode version = packument("@acme/widget").at("/versions/1.0.1");
        assertThat(version.at("/dist/attestations/provenance/predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(version.at("/dist/signatures/0/keyid").asText()).startsWith("SHA256:");
        // npm's statement for 1.0.0 with the subject of 1.0.1: name and the sha512 of what was published
        JsonNode statement = provenanceStatement("@acme/widget", "1.0.1");
        ObjectNode expected = npmGithubStatement.deepCopy();
        ObjectNode subject = (ObjectNode) expected.at("/subject/0");
        subject.put("name", "pkg:npm/%40acme/widget@1.0.1");
        ((ObjectNode) subject.get("digest")).put("sha512", sha512Hex(version.at("/dist/integrity").asText()));
        assertThat(statement).isEqualTo(expected);
        assertThat(verifyWithSigstoreJs("@acme/widget", "1.0.1")).isEqualTo("verified");
    }

    @Test
    @Order(3)
    void npmInstallsWhatHallmarkPublishedAndAuditSignaturesVerifiesIt() throws Exception {
        StockNpm consumer = consumer();
        StockNpm.Result install = consumer.run(project(), "install", "@acme/widget@1.0.1");
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(project().resolve("node_modules/@acme/widget/lib/widget.js")).exists();

        StockNpm.Result audit = consumer.run(project(), "audit", "signatures");

        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("1 package has a verified registry signature")
                .contains("1 package has a verified attestation");
    }

    @Test
    @Order(4)
    void inGitlabCiTheStatementIsNpmsAndHallmarkPublishesWithATokenFromNpmrc() throws Exception {
        Path pkg = widget("gitlab-widget", "@acme/gitlab-widget", "1.0.0", "git+https://gitlab.com/acme/gitlab-widget.git");
        StockNpm npm = gitlabJob("acme/gitlab-widget");
        StockNpm.Result npmPublish = npm.run(pkg, "publish", "--provenance");
        assertThat(npmPublish.exit()).as(npmPublish.output()).isZero();
        JsonNode npmStatement = provenanceStatement("@acme/gitlab-widget", "1.0.0");
        assertThat(npmStatement.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v0.2");

        StockNpm.Result dryRun = HallmarkCli.run(pkg, npm.environment(), "publish", "--dry-run", "--provenance", "--json");
        assertThat(dryRun.exit()).as(dryRun.output()).isZero();
        assertThat(DevHallmark.JSON.readTree(dryRun.stdout()).get("provenanceStatement")).isEqualTo(npmStatement);

        widget("gitlab-widget", "@acme/gitlab-widget", "1.0.1", "git+https://gitlab.com/acme/gitlab-widget.git");
        StockNpm.Result publish = HallmarkCli.run(pkg, npm.environment(), "publish", "--provenance");
        assertThat(publish.exit()).as(publish.output()).isZero();
        assertThat(publish.stderr()).contains("from GitLab CI");
        JsonNode statement = provenanceStatement("@acme/gitlab-widget", "1.0.1");
        assertThat(statement.get("predicate")).isEqualTo(npmStatement.get("predicate"));
        assertThat(verifyWithSigstoreJs("@acme/gitlab-widget", "1.0.1")).isEqualTo("verified");
    }

    @Test
    @Order(5)
    void anyCiWithATokenTheCaAcceptsPublishesWithTheCertifiedRunWhereNpmRefuses() throws Exception {
        Path pkg = widget("any-ci-widget", "@acme/any-ci-widget", "1.0.0", "git+https://gitlab.com/acme/any-ci-widget.git");
        String token = hallmark.gitlabToken("sigstore", Map.of("project_path", "acme/any-ci-widget", "sha", GITLAB_SHA));
        StockNpm job = new StockNpm(dir.resolve("any-home"), dir.resolve("any-cache"), REGISTRY, proxy, proxyCa)
                .withToken(REGISTRY, alice).with("CI", "true").with("SIGSTORE_ID_TOKEN", token);
        StockNpm.Result npmPublish = job.run(pkg, "publish", "--provenance");
        assertThat(npmPublish.exit()).as("npm refuses a CI it does not know").isNotZero();
        assertThat(npmPublish.output()).contains("Automatic provenance generation not supported");

        StockNpm.Result publish = HallmarkCli.run(pkg, job.environment(), "publish", "--provenance");

        assertThat(publish.exit()).as(publish.output()).isZero();
        JsonNode statement = provenanceStatement("@acme/any-ci-widget", "1.0.0");
        assertThat(statement.at("/predicate/buildDefinition/buildType").asText()).isEqualTo(ProvenanceStatements.OIDC_BUILD_TYPE);
        assertThat(statement.at("/predicate/buildDefinition/externalParameters/source/repository").asText())
                .isEqualTo("https://gitlab.com/acme/any-ci-widget");
        assertThat(statement.at("/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit").asText()).isEqualTo(GITLAB_SHA);
        assertThat(verifyWithSigstoreJs("@acme/any-ci-widget", "1.0.0")).isEqualTo("verified");
    }

    @Test
    @Order(6)
    void withoutATokenOrACiIdentityThePublishStopsWithOneLine() throws Exception {
        Path pkg = widget("widget", "@acme/widget", "9.9.9", "git+https://github.com/acme/widget.git");
        StockNpm nobody = new StockNpm(dir.resolve("nobody-home"), dir.resolve("nobody-cache"), REGISTRY, proxy, proxyCa);

        StockNpm.Result publish = HallmarkCli.run(pkg, nobody.environment(), "publish");

        assertThat(publish.exit()).isEqualTo(2);
        assertThat(publish.stderr().strip()).startsWith("hallmark: no token for " + REGISTRY + "/").doesNotContain("\n");
        assertThat(packument("@acme/widget").at("/versions/9.9.9").isMissingNode()).isTrue();
    }

    // --- fixtures ---

    StockNpm githubJob() throws Exception {
        return new StockNpm(dir.resolve("gh-home"), dir.resolve("gh-cache"), REGISTRY, proxy, proxyCa)
                .inGithubActions(hallmark.job(GITHUB_CLAIMS), GITHUB_CLAIMS);
    }

    /** A GitLab job as npm reads it (npm.md §10.2), its id token from the development GitLab issuer. */
    StockNpm gitlabJob(String project) throws Exception {
        String token = hallmark.gitlabToken("sigstore", Map.of("project_path", project, "sha", GITLAB_SHA));
        StockNpm npm = new StockNpm(dir.resolve("gl-home"), dir.resolve("gl-cache"), REGISTRY, proxy, proxyCa)
                .withToken(REGISTRY, alice);
        Map<String, String> job = Map.ofEntries(Map.entry("CI", "true"), Map.entry("GITLAB_CI", "true"),
                Map.entry("SIGSTORE_ID_TOKEN", token), Map.entry("CI_PROJECT_URL", "https://gitlab.com/" + project),
                Map.entry("CI_PROJECT_PATH", project), Map.entry("CI_SERVER_URL", "https://gitlab.com"),
                Map.entry("CI_RUNNER_ID", "12270837"), Map.entry("CI_RUNNER_DESCRIPTION", "shared runner"),
                Map.entry("CI_RUNNER_EXECUTABLE_ARCH", "linux/amd64"), Map.entry("CI_COMMIT_SHA", GITLAB_SHA),
                Map.entry("CI_COMMIT_REF_NAME", "main"), Map.entry("CI_JOB_NAME", "publish"), Map.entry("CI_JOB_ID", "555"),
                Map.entry("CI_JOB_URL", "https://gitlab.com/" + project + "/-/jobs/555"), Map.entry("CI_PIPELINE_ID", "777"),
                Map.entry("CI_CONFIG_PATH", ".gitlab-ci.yml"), Map.entry("CI_PROJECT_VISIBILITY", "public"));
        job.forEach(npm::with);
        return npm;
    }

    /** A package with a README, code under lib/ and files npm leaves out (tests/, .npmignore'd). */
    static Path widget(String dirName, String name, String version, String repository) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve(dirName));
        Files.writeString(pkg.resolve("package.json"), "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version
                + "\",\n  \"description\": \"a widget\",\n  \"license\": \"MIT\",\n  \"main\": \"lib/widget.js\",\n"
                + "  \"repository\": {\"type\": \"git\", \"url\": \"" + repository + "\"}\n}\n");
        Files.writeString(pkg.resolve("README.md"), "# " + name + "\n\nA widget.\n");
        Files.createDirectories(pkg.resolve("lib"));
        Files.writeString(pkg.resolve("lib/widget.js"), "module.exports = () => 'widget';\n");
        Files.createDirectories(pkg.resolve("tests"));
        Files.writeString(pkg.resolve("tests/widget.test.js"), "// not published\n");
        Files.writeString(pkg.resolve(".npmignore"), "tests/\n");
        return pkg;
    }

    static JsonNode packument(String name) throws Exception {
        return DevHallmark.JSON.readTree(hallmark.send("GET", "/" + name.replace("/", "%2f"), null, null).body());
    }

    static JsonNode provenanceBundle(String name, String version) throws Exception {
        var response = hallmark.send("GET", "/-/npm/v1/attestations/" + name.replace("/", "%2f") + "@" + version, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode attestation : DevHallmark.JSON.readTree(response.body()).get("attestations")) {
            if (attestation.get("predicateType").asText().startsWith("https://slsa.dev/provenance/")) {
                return attestation.get("bundle");
            }
        }
        throw new AssertionError("no provenance attestation for " + name + "@" + version);
    }

    static JsonNode provenanceStatement(String name, String version) throws Exception {
        return DevHallmark.JSON.readTree(Base64.getDecoder().decode(
                provenanceBundle(name, version).at("/dsseEnvelope/payload").asText()));
    }

    static String verifyWithSigstoreJs(String name, String version) throws Exception {
        Path bundle = Files.writeString(Files.createTempFile(dir, "bundle-", ".json"),
                DevHallmark.JSON.writeValueAsString(provenanceBundle(name, version)));
        NodeClients.Result result = NodeClients.run("verify-bundle.mjs", bundle.toString(),
                hallmark.dataDir.resolve("trust/trusted_root.json").toString());
        return result.output().lines().reduce((a, b) -> b).orElse("");
    }

    static String sha512Hex(String integrity) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(integrity.substring("sha512-".length())));
    }

    static StockNpm consumer() throws Exception {
        Path cache = dir.resolve("consumer-cache");
        Path tuf = cache.resolve("_tuf/tuf-repo-cdn.sigstore.dev");
        if (!Files.exists(tuf.resolve("root.json"))) {
            Files.createDirectories(tuf);
            Files.copy(hallmark.dataDir.resolve("tuf/root.json"), tuf.resolve("root.json"));
        }
        return new StockNpm(dir.resolve("consumer-home"), cache, REGISTRY, proxy, proxyCa);
    }

    static Path project() throws Exception {
        Path project = dir.resolve("consumer");
        if (!Files.exists(project.resolve("package.json"))) {
            Files.createDirectories(project);
            Files.writeString(project.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}",
                    StandardCharsets.UTF_8);
        }
        return project;
    }
}
