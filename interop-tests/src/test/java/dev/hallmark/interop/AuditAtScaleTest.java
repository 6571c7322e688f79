package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's proof for {@code hallmark audit}: a project with 300 installed packages, each published to a test
 * Hallmark with provenance signed through its CA and log (and the registry's signature and publish attestation), all
 * verify under an identity policy. Then three things go wrong at once: one provenance bundle is altered in the
 * registry's database, one version's {@code dist.signatures} is replaced there, and one package gets a new version
 * published from a repository other than the one the policy names for its scope, which the project upgrades to.
 * Exactly those three packages are reported, each for its own reason, and the audit exits non-zero.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditAtScaleTest {
    static final int SCOPED = 240;
    static final int UNSCOPED = 60;
    static final String REPO_A = "acme/a";
    static final String REPO_B = "acme/b";
    static final String ALTERED_ATTESTATION = "lib-017";
    static final String ALTERED_SIGNATURE = "@acme/pkg-042";
    static final String OTHER_REPOSITORY = "@acme/pkg-123";
    static final String PROVENANCE = "https://slsa.dev/provenance/v1";
    static final String PUBLISH = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

    @TempDir
    static Path dir;
    static DevHallmark hallmark;
    static ProvenancePublisher publisher;
    static Path project;
    static Path policy;

    @BeforeAll
    static void publishAll() throws Exception {
        hallmark = DevHallmark.start(dir.resolve("data"));
        publisher = ProvenancePublisher.connect(URI.create(hallmark.url()), "release-bot");
        List<ProvenancePublisher.Release> releases = new ArrayList<>();
        IntStream.range(0, SCOPED).forEach(i -> releases.add(new ProvenancePublisher.Release(scoped(i), "1.0.0", REPO_A)));
        IntStream.range(0, UNSCOPED).forEach(i -> releases.add(new ProvenancePublisher.Release(unscoped(i), "1.0.0", "oss/libs")));
        publisher.publish(releases, 32);
        project = Files.createDirectories(dir.resolve("app"));
        Files.writeString(project.resolve(".npmrc"), "registry=" + hallmark.registry() + "/\n");
        writeLockfile();
        policy = Files.writeString(dir.resolve("policy.yaml"), """
                packages:
                  "@acme/*":
                    repository: https://github.com/acme/a
                    workflow: .github/workflows/release.yml
                    ref: /refs\\/tags\\/v[0-9.]+/
                    requireProvenance: true
                  "*":
                    requireProvenance: true
                """);
    }

    @AfterAll
    static void stop() {
        if (hallmark != null) {
            hallmark.close();
        }
    }

    static String scoped(int i) {
        return "@acme/pkg-%03d".formatted(i);
    }

    static String unscoped(int i) {
        return "lib-%03d".formatted(i);
    }

    @Test
    @Order(1)
    void everyOneOfThe300PackagesVerifies() throws Exception {
        Audit run = audit("--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("audited").asInt()).isEqualTo(300);
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.at("/counts/signaturesVerified").asInt()).isEqualTo(300);
        assertThat(report.at("/counts/attestationsVerified").asInt()).isEqualTo(300);
        assertThat(report.at("/counts/provenanceVerified").asInt()).isEqualTo(300);
        assertThat(report.at("/counts/signaturesInvalid").asInt()
                + report.at("/counts/attestationsInvalid").asInt() + report.at("/counts/policyFailures").asInt()).isZero();
        for (JsonNode p : report.get("packages")) {
            assertThat(p.at("/attestations/predicateTypes").toString()).as(p.get("name").asText())
                    .contains(PROVENANCE).contains(PUBLISH);
        }
    }

    @Test
    @Order(2)
    void anAlteredAttestationAReplacedSignatureAndAForeignRepositoryAreExactlyTheThreeReported() throws Exception {
        alterProvenance(ALTERED_ATTESTATION, "1.0.0");
        replaceSignature(ALTERED_SIGNATURE, "1.0.0", "@acme/pkg-043");
        publisher.publish(List.of(new ProvenancePublisher.Release(OTHER_REPOSITORY, "1.0.1", REPO_B)), 1);
        writeLockfile(); // the project upgrades to the new version

        Audit run = audit("--json");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode report = run.json();
        assertThat(report.get("audited").asInt()).isEqualTo(300);
        Map<String, JsonNode> failed = new HashMap<>();
        report.get("packages").forEach(p -> {
            if (!p.get("ok").asBoolean()) {
                failed.put(p.get("name").asText(), p);
            }
        });
        assertThat(failed).containsOnlyKeys(ALTERED_ATTESTATION, ALTERED_SIGNATURE, OTHER_REPOSITORY);

        JsonNode attestation = failed.get(ALTERED_ATTESTATION);
        assertThat(attestation.at("/attestations/status").asText()).isEqualTo("invalid");
        assertThat(attestation.at("/attestations/reason").asText()).isEqualTo("ATTESTATION_INVALID");
        assertThat(attestation.at("/signature/status").asText()).isEqualTo("verified");
        assertThat(attestation.path("policyFailures")).isEmpty();

        JsonNode signature = failed.get(ALTERED_SIGNATURE);
        assertThat(signature.at("/signature/status").asText()).isEqualTo("invalid");
        assertThat(signature.at("/signature/reason").asText()).isEqualTo("INTEGRITY_SIGNATURE_INVALID");
        assertThat(signature.at("/attestations/status").asText()).isEqualTo("verified");
        assertThat(signature.path("policyFailures")).isEmpty();

        JsonNode foreign = failed.get(OTHER_REPOSITORY);
        assertThat(foreign.get("version").asText()).isEqualTo("1.0.1");
        assertThat(foreign.at("/signature/status").asText()).isEqualTo("verified");
        assertThat(foreign.at("/attestations/status").asText()).isEqualTo("verified");
        assertThat(foreign.at("/attestations/provenance/repository").asText()).isEqualTo("https://github.com/" + REPO_B);
        assertThat(foreign.get("policyFailures")).extracting(JsonNode::asText).containsExactly(
                "repository is https://github.com/acme/b, policy expects https://github.com/acme/a");

        assertThat(report.at("/counts/signaturesVerified").asInt()).isEqualTo(299);
        assertThat(report.at("/counts/signaturesInvalid").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/attestationsVerified").asInt()).isEqualTo(299);
        assertThat(report.at("/counts/attestationsInvalid").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/policyFailures").asInt()).isEqualTo(1);

        // The text report names the same three and nothing else.
        Audit text = audit();
        assertThat(text.exit()).isEqualTo(1);
        List<String> named = text.out().lines().filter(l -> l.matches("^(@acme/pkg|lib)-\\d{3}@.*")).toList();
        assertThat(named).hasSize(3);
        assertThat(named).anySatisfy(l -> assertThat(l).startsWith(ALTERED_SIGNATURE + "@1.0.0 (").contains("INTEGRITY_SIGNATURE_INVALID"));
        assertThat(named).anySatisfy(l -> assertThat(l).startsWith(ALTERED_ATTESTATION + "@1.0.0 (").contains("ATTESTATION_INVALID"));
        assertThat(named).anySatisfy(l -> assertThat(l).isEqualTo(OTHER_REPOSITORY
                + "@1.0.1: repository is https://github.com/acme/b, policy expects https://github.com/acme/a"));
        assertThat(text.out()).contains("299 packages have verified registry signatures")
                .contains("299 packages have verified attestations (299 with provenance)");
    }

    record Audit(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return DevHallmark.JSON.readTree(out);
        }
    }

    static Audit audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--dir", project.toString(),
                "--trusted-root", hallmark.dataDir.resolve("trust/trusted_root.json").toString(), "--policy", policy.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Audit(exit, out.toString(), err.toString());
    }

    /** A lockfile v3 as npm 11 writes it after {@code npm install} of every package's latest version. */
    static void writeLockfile() throws Exception {
        ObjectNode lock = DevHallmark.JSON.createObjectNode();
        lock.put("name", "app").put("version", "1.0.0").put("lockfileVersion", 3).put("requires", true);
        ObjectNode packages = lock.putObject("packages");
        ObjectNode root = packages.putObject("");
        root.put("name", "app").put("version", "1.0.0");
        ObjectNode dependencies = root.putObject("dependencies");
        List<String> names = new ArrayList<>();
        IntStream.range(0, SCOPED).forEach(i -> names.add(scoped(i)));
        IntStream.range(0, UNSCOPED).forEach(i -> names.add(unscoped(i)));
        for (String name : names.stream().sorted().toList()) {
            JsonNode packument = DevHallmark.JSON.readTree(hallmark.send("GET", "/" + name.replace("/", "%2f"), null, null).body());
            String version = packument.at("/dist-tags/latest").asText();
            JsonNode dist = packument.at("/versions/" + version + "/dist");
            dependencies.put(name, "^" + version);
            packages.putObject("node_modules/" + name).put("version", version)
                    .put("resolved", dist.get("tarball").asText()).put("integrity", dist.get("integrity").asText())
                    .put("license", "MIT");
        }
        Files.writeString(project.resolve("package-lock.json"), lock.toPrettyString());
    }

    /** Rewrites the stored provenance of name@version to claim another source commit, keeping its signature. */
    static void alterProvenance(String name, String version) throws Exception {
        try (Connection db = hallmark.database()) {
            String bundle = null;
            try (PreparedStatement read = db.prepareStatement("SELECT bundle FROM registry_attestations"
                    + " WHERE name = ? AND version = ? AND predicate_type = ?")) {
                read.setString(1, name);
                read.setString(2, version);
                read.setString(3, PROVENANCE);
                try (ResultSet rs = read.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    bundle = rs.getString(1);
                }
            }
            ObjectNode node = (ObjectNode) DevHallmark.JSON.readTree(bundle);
            ObjectNode envelope = (ObjectNode) node.get("dsseEnvelope");
            ObjectNode statement = (ObjectNode) DevHallmark.JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
            ((ObjectNode) statement.at("/predicate/buildDefinition/resolvedDependencies/0/digest"))
                    .put("gitCommit", "0000000000000000000000000000000000000bad");
            envelope.put("payload", Base64.getEncoder().encodeToString(
                    DevHallmark.JSON.writeValueAsString(statement).getBytes(StandardCharsets.UTF_8)));
            try (PreparedStatement write = db.prepareStatement("UPDATE registry_attestations SET bundle = ?"
                    + " WHERE name = ? AND version = ? AND predicate_type = ?")) {
                write.setString(1, DevHallmark.JSON.writeValueAsString(node));
                write.setString(2, name);
                write.setString(3, version);
                write.setString(4, PROVENANCE);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
        }
    }

    /**
     * Gives name@version the registry signature of another version (a genuine signature by the registry's key, over
     * another {@code name@version:integrity}), and bumps the package's revision so the packument is rendered anew.
     */
    static void replaceSignature(String name, String version, String donor) throws Exception {
        try (Connection db = hallmark.database()) {
            String donorSignatures;
            try (PreparedStatement read = db.prepareStatement("SELECT signatures FROM registry_versions WHERE name = ? AND version = ?")) {
                read.setString(1, donor);
                read.setString(2, version);
                try (ResultSet rs = read.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    donorSignatures = rs.getString(1);
                }
            }
            assertThat(((ArrayNode) DevHallmark.JSON.readTree(donorSignatures))).hasSize(1);
            try (PreparedStatement write = db.prepareStatement("UPDATE registry_versions SET signatures = ? WHERE name = ? AND version = ?")) {
                write.setString(1, donorSignatures);
                write.setString(2, name);
                write.setString(3, version);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement bump = db.prepareStatement("UPDATE registry_packages SET rev = rev + 1 WHERE name = ?")) {
                bump.setString(1, name);
                assertThat(bump.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
