package dev.hallmark.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.crypto.SignerPem;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.core.trust.tuf.TufClient;
import dev.hallmark.core.trust.tuf.TufException;
import dev.hallmark.server.config.TufConfig;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.keys.KeyName;
import dev.hallmark.server.tuf.RepositoryException.Reason;
import dev.hallmark.server.tuf.TufRepository.Published;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing, re-signing and rotating on disk, checked by the core TUF client reading the files as a mirror. */
class TufRepositoryTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;
    FileKeyManager keys;
    final Map<String, Bytes> files = new LinkedHashMap<>();
    TufRepository repository;

    @BeforeEach
    void create() {
        keys = new FileKeyManager(dir.resolve("keys"));
        files.put("trusted_root.json", Bytes.utf8("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}"));
        files.put("127.0.0.1:8080/keys.json", Bytes.utf8("{\"keys\":[]}"));
        repository = new TufRepository(dir.resolve("tuf"), keys, TufConfig.DEFAULT, List.of(() -> Map.copyOf(files)));
    }

    private TufClient verified(String root, Instant at) throws Exception {
        TufClient client = TufClient.start(Files.readAllBytes(dir.resolve("tuf").resolve(root)), () -> at);
        LayoutReader reader = new LayoutReader(repository.layout(), Map.of());
        client.refresh(reader);
        for (Map.Entry<String, Bytes> file : files.entrySet()) {
            assertThat(client.fetchTarget(file.getKey(), reader)).isEqualTo(file.getValue());
        }
        return client;
    }

    @Test
    void firstPublishCreatesAConsistentSnapshotRepository() throws Exception {
        Published first = repository.publish(T0);
        assertThat(first).isEqualTo(new Published(1, 1, 1, 1, Set.of(RoleType.values())));
        Path tuf = dir.resolve("tuf");
        assertThat(tuf.resolve("1.root.json")).hasSameBinaryContentAs(tuf.resolve("root.json"));
        assertThat(tuf.resolve("1.targets.json")).isRegularFile();
        assertThat(tuf.resolve("1.snapshot.json")).isRegularFile();
        assertThat(tuf.resolve("timestamp.json")).isRegularFile();
        assertThat(tuf.resolve("2.root.json")).doesNotExist();
        TufClient client = verified("root.json", T0);
        assertThat(tuf.resolve("targets/127.0.0.1:8080/" + client.target("127.0.0.1:8080/keys.json").hashes().get("sha256").hex()
                + ".keys.json")).isRegularFile();
        for (RoleType role : RoleType.values()) {
            assertThat(Files.getPosixFilePermissions(keys.path(KeyName.of("tuf-" + role.jsonName() + "-1"))))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(new String(Files.readAllBytes(tuf.resolve("root.json")), StandardCharsets.UTF_8))
                .contains("\"consistent_snapshot\" : true", "\"x-hallmark-key-name\" : \"tuf-timestamp-1\"");
    }

    @Test
    void roleIsReSignedOnlyWhenHalfItsValidityIsGone() throws Exception {
        repository.publish(T0);
        assertThat(repository.publish(T0.plus(Duration.ofHours(11))).signed()).isEmpty();
        Published timestamp = repository.publish(T0.plus(Duration.ofHours(13)));
        assertThat(timestamp.signed()).containsExactly(RoleType.TIMESTAMP);
        assertThat(timestamp.timestamp()).isEqualTo(2);
        Published snapshot = repository.publish(T0.plus(Duration.ofDays(4)));
        assertThat(snapshot.signed()).containsExactlyInAnyOrder(RoleType.SNAPSHOT, RoleType.TIMESTAMP);
        Instant late = T0.plus(Duration.ofDays(200));
        Published all = repository.publish(late);
        assertThat(all.signed()).containsExactlyInAnyOrder(RoleType.values());
        assertThat(all.root()).isEqualTo(2);
        verified("1.root.json", late);
    }

    @Test
    void changedTargetContentIsPublishedUnderNewVersions() throws Exception {
        repository.publish(T0);
        files.put("trusted_root.json", Bytes.utf8("{\"changed\":true}"));
        files.put("signing_config.v0.2.json", Bytes.utf8("{}"));
        Published changed = repository.publish(T0.plusSeconds(1));
        assertThat(changed.signed()).containsExactlyInAnyOrder(RoleType.TARGETS, RoleType.SNAPSHOT, RoleType.TIMESTAMP);
        assertThat(changed.targets()).isEqualTo(2);
        verified("root.json", T0.plusSeconds(1));
        assertThat(repository.publish(T0.plusSeconds(2)).signed()).isEmpty();
    }

    @Test
    void rotatingTheRootKeySignsRootTwoWithOldAndNewKeys() throws Exception {
        repository.publish(T0);
        byte[] oldRoot = Files.readAllBytes(dir.resolve("tuf/root.json"));
        TufRepository.Rotation rotation = repository.rotate(RoleType.ROOT, T0.plusSeconds(5));
        assertThat(rotation.fromRoot()).isEqualTo(1);
        assertThat(rotation.toRoot()).isEqualTo(2);
        assertThat(rotation.key()).isEqualTo(KeyName.of("tuf-root-2"));
        assertThat(rotation.retiredKeys()).containsExactly(KeyName.of("tuf-root-1"));
        assertThat(keys.path(KeyName.of("tuf-root-1"))).isRegularFile(); // kept until the operator deletes it
        assertThat(rotation.published().signed()).containsExactly(RoleType.ROOT); // the other roles' keys did not change
        TufClient client = TufClient.start(oldRoot, () -> T0.plusSeconds(6));
        client.refresh(new LayoutReader(repository.layout(), Map.of()));
        assertThat(client.root().version()).isEqualTo(2);
        assertThat(client.root().keys().get(rotation.keyId()).extension("x-hallmark-key-name")).contains("tuf-root-2");
        // the next rotation is signed by root 2's key alone; root 1's key file is no longer needed
        Files.delete(keys.path(KeyName.of("tuf-root-1")));
        repository = new TufRepository(dir.resolve("tuf"), new FileKeyManager(dir.resolve("keys")), TufConfig.DEFAULT,
                List.of(() -> Map.copyOf(files)));
        repository.rotate(RoleType.ROOT, T0.plusSeconds(7));
        verified("1.root.json", T0.plusSeconds(8));
    }

    @Test
    void rotatingAnOnlineKeyReSignsWhatItSigns() throws Exception {
        repository.publish(T0);
        TufRepository.Rotation rotation = repository.rotate(RoleType.TIMESTAMP, T0.plusSeconds(5));
        assertThat(rotation.retiredKeys()).containsExactly(KeyName.of("tuf-timestamp-1"));
        assertThat(rotation.published().signed()).containsExactlyInAnyOrder(RoleType.ROOT, RoleType.TIMESTAMP);
        assertThat(rotation.published().timestamp()).isEqualTo(2);
        TufRepository.Rotation targets = repository.rotate(RoleType.TARGETS, T0.plusSeconds(6));
        assertThat(targets.toRoot()).isEqualTo(3);
        assertThat(targets.key()).isEqualTo(KeyName.of("tuf-targets-3"));
        assertThat(targets.published().signed()).containsExactlyInAnyOrder(RoleType.ROOT, RoleType.TARGETS,
                RoleType.SNAPSHOT, RoleType.TIMESTAMP);
        verified("1.root.json", T0.plusSeconds(7));
    }

    @Test
    void rotationNeedsARepository() {
        assertThatThrownBy(() -> repository.rotate(RoleType.ROOT, T0))
                .isInstanceOfSatisfying(RepositoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_REPOSITORY));
    }

    @Test
    void aKeyFileHoldingAnotherKeyStopsPublishing() throws Exception {
        repository.publish(T0);
        Path file = keys.path(KeyName.of("tuf-timestamp-1"));
        Files.delete(file);
        Files.writeString(file, SignerPem.encode(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        TufRepository fresh = new TufRepository(dir.resolve("tuf"), new FileKeyManager(dir.resolve("keys")), TufConfig.DEFAULT,
                List.of(() -> Map.copyOf(files)));
        assertThatThrownBy(() -> fresh.publish(T0.plus(Duration.ofDays(1))))
                .isInstanceOfSatisfying(RepositoryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE));
    }

    @Test
    void unusableTargetNamesAreRefused() {
        for (String name : List.of("../escape", ".hidden", "a//b", "a/./b", "/abs", "a\\b")) {
            files.clear();
            files.put(name, Bytes.utf8("x"));
            assertThatThrownBy(() -> repository.publish(T0)).as(name).isInstanceOfSatisfying(RepositoryException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_INVALID));
        }
    }

    @Test
    void mirrorPathsOutsideTheRepositoryResolveToNothing() {
        TufLayout layout = repository.layout();
        for (String path : List.of(".lock", "../keys/tuf-root-1.pem", "targets/../../keys", "targets/.x", "0.root.json",
                "01.root.json", "x.root.json", "targets/", "targets", "keys/tuf-root-1.pem")) {
            assertThat(layout.resolve(path)).as(path).isEmpty();
        }
        assertThat(layout.resolve("targets/127.0.0.1:8080/ab.keys.json")).isPresent();
        assertThat(layout.resolve("12.snapshot.json")).isPresent();
    }

    @Test
    void npmNamesTheRegistryKeysTargetAfterHostAndPath() {
        assertThat(TrustDirectoryTargets.registryKeysTarget(URI.create("http://127.0.0.1:8080"))).isEqualTo("127.0.0.1:8080/keys.json");
        assertThat(TrustDirectoryTargets.registryKeysTarget(URI.create("https://registry.npmjs.org/")))
                .isEqualTo("registry.npmjs.org/keys.json");
        assertThat(TrustDirectoryTargets.registryKeysTarget(URI.create("https://reg.example:443/npm/")))
                .isEqualTo("reg.example/npm/keys.json");
    }

    @Test
    void aClientRejectsARepositoryServingTamperedTargets() throws Exception {
        repository.publish(T0);
        TufClient client = TufClient.start(Files.readAllBytes(dir.resolve("tuf/root.json")), () -> T0);
        LayoutReader reader = new LayoutReader(repository.layout(), Map.of());
        client.refresh(reader);
        String path = "targets/" + TufClient.targetPath("trusted_root.json", client.target("trusted_root.json"), true);
        Files.writeString(dir.resolve("tuf").resolve(path), "{\"mediaType\":\"evil\"}");
        assertThatThrownBy(() -> client.fetchTarget("trusted_root.json", reader)).isInstanceOf(TufException.class);
    }
}
