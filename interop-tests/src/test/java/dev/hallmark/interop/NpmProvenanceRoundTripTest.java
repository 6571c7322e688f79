package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.registry.RegistryFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's headline proof: stock npm 11, unchanged, against one test Hallmark alone. In a fake GitHub Actions job
 * (its OIDC token from the development GitHub issuer) with no npm token, {@code npm publish} of a package with
 * trusted publishing configured exchanges the job's token, turns provenance on by itself, signs through Hallmark's
 * CA and log (reached as fulcio.sigstore.dev and rekor.sigstore.dev through {@link SigstoreProxy}) and publishes;
 * {@code npm install} fetches it in a fresh project, and {@code npm audit signatures} — trusting Hallmark's TUF
 * repository, seeded into npm's cache and refreshed as tuf-repo-cdn.sigstore.dev — verifies the registry signature
 * and the attestations. Then an attestation altered in the registry's database is flagged. The steps run in order,
 * each on what the previous one left.
 *
 * <p>The registry is deployed as in production, at its own HTTPS name ({@code registry.baseUrl:
 * https://registry.example}, reached through the same proxy), so its keys are a TUF target npm can ask for
 * ({@code registry.example/keys.json}; a registry URL with a port gets none, see RegistryKeyFiles).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmProvenanceRoundTripTest {
    static final String REGISTRY = "https://registry.example";
    static final String NAME = "@acme/widget";
    static final String VERSION = "1.0.1";
    static final Map<String, String> CLAIMS = Map.ofEntries(
            Map.entry("repository", "acme/widget"), Map.entry("ref", "refs/tags/v1.0.1"),
            Map.entry("sha", "8f3a9a0e5d1c4b2a7e6f5d4c3b2a1908f7e6d5c4"),
            Map.entry("workflow_ref", "acme/widget/.github/workflows/release.yml@refs/tags/v1.0.1"),
            Map.entry("event_name", "push"), Map.entry("runner_environment", "github-hosted"),
            Map.entry("repository_visibility", "public"), Map.entry("repository_id", "4242"),
            Map.entry("repository_owner", "acme"), Map.entry("repository_owner_id", "77"),
            Map.entry("run_id", "9001"), Map.entry("run_attempt", "1"));

    @TempDir
    static Path dir;
    static DevHallmark hallmark;
    static SigstoreProxy proxy;
    static Path proxyCa;

    @BeforeAll
    static void start() throws Exception {
        hallmark = DevHallmark.start(dir.resolve("data"), "registry:\n  baseUrl: " + REGISTRY + "\n");
        assertThat(hallmark.registry()).isEqualTo(REGISTRY);
        InterceptionCa ca = InterceptionCa.create();
        proxyCa = ca.writePem(dir.resolve("proxy-ca.pem"));
        Map<String, URI> hosts = new HashMap<>(SigstoreProxy.publicGood(URI.create(hallmark.url())));
        hosts.put(URI.create(REGISTRY).getHost(), URI.create(hallmark.url()));
        proxy = SigstoreProxy.start(hosts, ca);
        // the package exists (its maintainer published 1.0.0 by hand) and trusts the release workflow of acme/widget
        String alice = hallmark.login("alice");
        assertThat(hallmark.send("PUT", "/@acme%2fwidget", alice,
                RegistryFixture.publishBody(NAME, "1.0.0").toString()).statusCode()).isEqualTo(201);
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
    void npmPublishExchangesTheJobTokenAndSignsProvenanceThroughHallmark() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("widget"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"" + NAME + "\",\"version\":\"" + VERSION + "\","
                + "\"license\":\"MIT\",\"main\":\"index.js\","
                + "\"repository\":{\"type\":\"git\",\"url\":\"git+https://github.com/acme/widget.git\"}}");
        Files.writeString(pkg.resolve("index.js"), "module.exports = 'widget';\n");
        JsonNode job = hallmark.job(CLAIMS);
        StockNpm npm = new StockNpm(dir.resolve("ci-home"), dir.resolve("ci-cache"), hallmark.registry(), proxy, proxyCa)
                .inGithubActions(job, CLAIMS);

        StockNpm.Result publish = npm.run(pkg, "publish", "--loglevel=verbose");

        assertThat(publish.exit()).as(publish.output()).isZero();
        assertThat(publish.stderr()) // npm's verbose log: the exchange, then provenance switched on by npm itself
                .contains("POST 201 " + hallmark.registry() + "/-/npm/v1/oidc/token/exchange/package/@acme%2fwidget")
                .contains("oidc Successfully retrieved and set token")
                .contains("oidc Enabling provenance");
        assertThat(publish.output())
                .contains("Signed provenance statement with source and build information from GitHub Actions")
                .contains("Provenance statement published to transparency log: https://search.sigstore.dev/?logIndex=")
                .contains("+ " + NAME + "@" + VERSION);
        assertThat(proxy.exchanges()).anySatisfy(e -> assertThat(e).isEqualTo(
                new SigstoreProxy.Exchange("fulcio.sigstore.dev", "POST", "/api/v2/signingCert", 200)));
        assertThat(proxy.exchanges()).anySatisfy(e -> assertThat(e).isEqualTo(
                new SigstoreProxy.Exchange("rekor.sigstore.dev", "POST", "/api/v1/log/entries", 201)));
        JsonNode version = DevHallmark.JSON.readTree(hallmark.send("GET", "/@acme%2fwidget", null, null).body())
                .at("/versions/" + VERSION);
        assertThat(version.at("/_npmUser/name").asText()).isEqualTo("alice");
        assertThat(version.at("/dist/attestations/provenance/predicateType").asText())
                .isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(version.at("/dist/signatures/0/keyid").asText()).startsWith("SHA256:");
    }

    @Test
    @Order(2)
    void npmInstallThenAuditSignaturesVerifiesTheSignatureAndTheAttestations() throws Exception {
        StockNpm.Result install = consumer().run(project(), "install", NAME + "@" + VERSION);
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(project().resolve("node_modules/@acme/widget/index.js")).hasContent("module.exports = 'widget';");

        StockNpm.Result audit = consumer().run(project(), "audit", "signatures");

        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("1 package has a verified registry signature")
                .contains("1 package has a verified attestation");
        // npm refreshed its TUF metadata from Hallmark's repository (as tuf-repo-cdn.sigstore.dev): no root after the
        // seeded one, then timestamp, snapshot, targets and the trusted root it verifies the attestations with
        List<SigstoreProxy.Exchange> tuf = proxy.exchanges().stream()
                .filter(e -> e.host().equals("tuf-repo-cdn.sigstore.dev")).toList();
        assertThat(tuf).extracting(SigstoreProxy.Exchange::path, SigstoreProxy.Exchange::status).contains(
                tuple("/2.root.json", 404), tuple("/timestamp.json", 200), tuple("/1.snapshot.json", 200),
                tuple("/1.targets.json", 200));
        assertThat(tuf).anySatisfy(e -> assertThat(e.path()).matches("/targets/[0-9a-f]{64}\\.trusted_root\\.json"));
        // the registry's keys came from TUF too (npm.md §6.2): without the target npm warns and asks /-/npm/v1/keys
        assertThat(tuf).anySatisfy(e -> assertThat(e.path()).matches("/targets/registry\\.example/[0-9a-f]{64}\\.keys\\.json"));
        assertThat(audit.stderr()).doesNotContain("Fetching verification keys using TUF failed");
        assertThat(proxy.exchanges()).noneSatisfy(e -> assertThat(e.path()).isEqualTo("/-/npm/v1/keys"));
        // what npm verified: the registry's publish attestation under its key, and the provenance naming the commit
        StockNpm.Result detail = consumer().run(project(), "audit", "signatures", "--json", "--include-attestations");
        JsonNode verified = DevHallmark.JSON.readTree(detail.stdout()).get("verified");
        assertThat(verified).hasSize(1);
        Map<String, JsonNode> bundles = new HashMap<>();
        verified.get(0).get("attestationBundles").forEach(a -> bundles.put(a.get("predicateType").asText(), a.get("bundle")));
        assertThat(bundles).containsOnlyKeys("https://github.com/npm/attestation/tree/main/specs/publish/v0.1",
                "https://slsa.dev/provenance/v1");
        String registryKeyid = DevHallmark.JSON.readTree(hallmark.send("GET", "/-/npm/v1/keys", null, null).body())
                .at("/keys/0/keyid").asText();
        assertThat(bundles.get("https://github.com/npm/attestation/tree/main/specs/publish/v0.1")
                .at("/verificationMaterial/publicKey/hint").asText()).isEqualTo(registryKeyid);
        JsonNode provenance = DevHallmark.JSON.readTree(Base64.getDecoder().decode(
                bundles.get("https://slsa.dev/provenance/v1").at("/dsseEnvelope/payload").asText()));
        assertThat(provenance.at("/predicate/buildDefinition/resolvedDependencies/0/digest/gitCommit").asText())
                .isEqualTo(CLAIMS.get("sha"));
    }

    @Test
    @Order(3)
    void auditSignaturesFlagsAnAttestationAlteredInTheRegistry() throws Exception {
        // Rewrite the stored provenance to claim another source commit, keeping its subject and signature.
        try (Connection db = hallmark.database()) {
            String bundle;
            try (PreparedStatement read = db.prepareStatement("SELECT bundle FROM registry_attestations"
                    + " WHERE name = ? AND version = ? AND predicate_type = 'https://slsa.dev/provenance/v1'")) {
                read.setString(1, NAME);
                read.setString(2, VERSION);
                try (ResultSet rs = read.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    bundle = rs.getString(1);
                }
            }
            ObjectNode node = (ObjectNode) DevHallmark.JSON.readTree(bundle);
            ObjectNode envelope = (ObjectNode) node.get("dsseEnvelope");
            ObjectNode statement = (ObjectNode) DevHallmark.JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
            ObjectNode source = (ObjectNode) statement.at("/predicate/buildDefinition/resolvedDependencies/0/digest");
            assertThat(source.get("gitCommit").asText()).isEqualTo(CLAIMS.get("sha"));
            source.put("gitCommit", "0000000000000000000000000000000000000bad");
            envelope.put("payload", Base64.getEncoder().encodeToString(
                    DevHallmark.JSON.writeValueAsString(statement).getBytes(StandardCharsets.UTF_8)));
            try (PreparedStatement write = db.prepareStatement("UPDATE registry_attestations SET bundle = ?"
                    + " WHERE name = ? AND version = ? AND predicate_type = 'https://slsa.dev/provenance/v1'")) {
                write.setString(1, DevHallmark.JSON.writeValueAsString(node));
                write.setString(2, NAME);
                write.setString(3, VERSION);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
        }
        // npm's HTTP cache would otherwise answer with the attestations it fetched before; its TUF cache stays
        deleteRecursively(dir.resolve("consumer-cache/_cacache"));

        StockNpm.Result audit = consumer().run(project(), "audit", "signatures");

        assertThat(audit.exit()).as(audit.output()).isEqualTo(1);
        assertThat(audit.output()).contains("1 package has an invalid attestation")
                .contains(NAME + "@" + VERSION + " (" + hallmark.registry() + "/)")
                .contains("Someone might have tampered with this package since it was published on the registry!");
        StockNpm.Result json = consumer().run(project(), "audit", "signatures", "--json");
        JsonNode invalid = DevHallmark.JSON.readTree(json.stdout()).get("invalid");
        assertThat(invalid).hasSize(1); // only the provenance: the registry signature still verifies
        assertThat(invalid.get(0).get("code").asText()).isEqualTo("EATTESTATIONVERIFY");
        assertThat(invalid.get(0).get("message").asText()).contains(NAME + "@" + VERSION + " failed to verify attestation");
    }

    static void deleteRecursively(Path root) throws Exception {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A fresh project whose npm trusts only Hallmark's TUF root (npm.md §14 B: {@code <cache>/_tuf/tuf-repo-cdn.sigstore.dev}). */
    static StockNpm consumer() throws Exception {
        Path cache = dir.resolve("consumer-cache");
        Path tuf = cache.resolve("_tuf/tuf-repo-cdn.sigstore.dev");
        if (!Files.exists(tuf.resolve("root.json"))) {
            Files.createDirectories(tuf);
            Files.copy(hallmark.dataDir.resolve("tuf/root.json"), tuf.resolve("root.json"));
        }
        return new StockNpm(dir.resolve("consumer-home"), cache, hallmark.registry(), proxy, proxyCa);
    }

    static Path project() throws Exception {
        Path project = dir.resolve("consumer");
        if (!Files.exists(project.resolve("package.json"))) {
            Files.createDirectories(project);
            Files.writeString(project.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}");
        }
        return project;
    }
}
