package dev.hallmark.core.trust.tuf;

import static dev.hallmark.core.trust.tuf.TestRepository.LATER;
import static dev.hallmark.core.trust.tuf.TestRepository.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.tuf.TufException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client workflow of TUF §5, one test per failure reason, against a repository the test signs itself. */
class TufClientTest {
    private TestRepository repo;

    @BeforeEach
    void publishVersionOne() {
        repo = new TestRepository();
        repo.publishRoot();
        repo.target("trusted_root.json", "{\"mediaType\":\"x\"}");
        repo.target("127.0.0.1:8080/keys.json", "{\"keys\":[]}");
        repo.publish();
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TufException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void refreshesAndFetchesTargetsUnderHashPrefixedNames() throws Exception {
        TufClient client = repo.client();
        client.refresh(repo.reader());
        assertThat(client.fetchTarget("trusted_root.json", repo.reader()).toArray())
                .isEqualTo(repo.targetContents.get("trusted_root.json"));
        assertThat(client.fetchTarget("127.0.0.1:8080/keys.json", repo.reader()).toArray())
                .isEqualTo("{\"keys\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(repo.files).containsKey("targets/127.0.0.1:8080/"
                + client.target("127.0.0.1:8080/keys.json").hashes().get("sha256").hex() + ".keys.json");
        assertThat(client.timestamp().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void withoutConsistentSnapshotsPlainNamesAreFetched() throws Exception {
        repo = new TestRepository();
        repo.consistent = false;
        repo.publishRoot();
        repo.target("a/b.txt", "hello");
        repo.publish();
        assertThat(repo.files).containsKeys("snapshot.json", "targets.json", "targets/a/b.txt");
        TufClient client = repo.client();
        client.refresh(repo.reader());
        assertThat(client.fetchTarget("a/b.txt", repo.reader())).isEqualTo(Bytes.utf8("hello"));
    }

    @Test
    void tamperedTargetIsHashMismatch() throws Exception {
        TufClient client = repo.client();
        client.refresh(repo.reader());
        String path = "targets/" + TufClient.targetPath("trusted_root.json", client.target("trusted_root.json"), true);
        byte[] content = repo.files.get(path);
        content[3] ^= 1;
        assertReason(() -> client.fetchTarget("trusted_root.json", repo.reader()), Reason.HASH_MISMATCH);
        repo.files.put(path, new byte[content.length + 1]);
        assertReason(() -> client.fetchTarget("trusted_root.json", repo.reader()), Reason.LENGTH_MISMATCH);
        assertReason(() -> client.fetchTarget("missing.json", repo.reader()), Reason.TARGET_NOT_FOUND);
    }

    @Test
    void alteredSignedContentBreaksTheThreshold() throws Exception {
        String timestamp = new String(repo.files.get("timestamp.json"), StandardCharsets.UTF_8);
        repo.files.put("timestamp.json", timestamp.replace("\"version\" : 1", "\"version\" : 7").getBytes(StandardCharsets.UTF_8));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
    }

    @Test
    void metadataSignedByTheWrongRoleKeyIsRejected() throws Exception {
        Signer stranger = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        repo.files.put("timestamp.json", TufCodec.write(MetadataSigner.sign(
                new Timestamp(Role.SPEC_VERSION, 9, LATER, MetaFile.ofVersion(1)), TestRepository.signers(List.of(stranger)))));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
    }

    @Test
    void expiredMetadataIsAFreezeAttack() throws Exception {
        repo.publish(NOW); // expires exactly at the update's start: expired (TUF: must be later than the start)
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.EXPIRED);
    }

    @Test
    void expiredSnapshotOrTargetsBehindAFreshTimestampAreRejected() throws Exception {
        repo.publish(NOW.plusSeconds(10));
        repo.publishTimestamp(LATER, MetaFile.ofVersion(repo.snapshotVersion));
        TufClient client = TufClient.start(repo.files.get("1.root.json"), () -> NOW.plusSeconds(20));
        assertReason(() -> client.refresh(repo.reader()), Reason.EXPIRED);
    }

    @Test
    void expiredFinalRootIsRejected() throws Exception {
        repo.publishRoot(NOW.minus(Duration.ofDays(1)), repo.keys.get(RoleType.ROOT));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.EXPIRED);
        repo.publishRoot(); // a rotation past an expired root recovers (§5.3.10 checks only the final root)
        repo.client().refresh(repo.reader());
    }

    @Test
    void olderTimestampOnALaterRefreshIsRollback() throws Exception {
        TufClient client = repo.client();
        repo.publish();
        client.refresh(repo.reader());
        byte[] current = repo.files.get("timestamp.json");
        repo.timestampVersion = 0;
        repo.publishTimestamp(LATER, MetaFile.ofVersion(1));
        assertReason(() -> client.refresh(repo.reader()), Reason.ROLLBACK);
        repo.timestampVersion = 5;
        repo.publishTimestamp(LATER, MetaFile.ofVersion(1)); // newer timestamp, older snapshot
        assertReason(() -> client.refresh(repo.reader()), Reason.ROLLBACK);
        repo.files.put("timestamp.json", current); // the same version again is no update, and no error
        client.refresh(repo.reader());
        assertThat(client.timestamp().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void snapshotRollingBackOrDroppingTargetsIsRollback() throws Exception {
        TufClient client = repo.client();
        repo.targetsVersion = 5;
        repo.publish(); // targets v6 under snapshot v2
        client.refresh(repo.reader());
        repo.publishSnapshot(LATER, MetaFile.ofVersion(2)); // snapshot v3 names targets v2
        assertReason(() -> client.refresh(repo.reader()), Reason.ROLLBACK);
        byte[] dropped = repo.sign(new Snapshot(Role.SPEC_VERSION, ++repo.snapshotVersion, LATER,
                Map.of("other.json", MetaFile.ofVersion(1))), RoleType.SNAPSHOT);
        repo.files.put(repo.snapshotVersion + ".snapshot.json", dropped);
        repo.publishTimestamp(LATER, MetaFile.ofVersion(repo.snapshotVersion));
        assertReason(() -> client.refresh(repo.reader()), Reason.ROLLBACK);
        assertThat(client.snapshot().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void snapshotOfAnotherVersionThanTheTimestampNamesIsAMismatch() throws Exception {
        repo.snapshotVersion++;
        repo.publishTimestamp(LATER, MetaFile.ofVersion(repo.snapshotVersion));
        repo.files.put(repo.snapshotVersion + ".snapshot.json", repo.files.get("1.snapshot.json"));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.VERSION_MISMATCH);
    }

    @Test
    void snapshotNotMatchingTheTimestampsHashOrLengthIsRejected() throws Exception {
        byte[] snapshot = repo.files.get("1.snapshot.json");
        repo.publishTimestamp(LATER, new MetaFile(1, OptionalLong.of(snapshot.length), Map.of("sha256", Bytes.of(new byte[32]))));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.HASH_MISMATCH);
        repo.publishTimestamp(LATER, new MetaFile(1, OptionalLong.of(snapshot.length - 1), Map.of()));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.LENGTH_MISMATCH);
    }

    @Test
    void missingTimestampIsReported() throws Exception {
        repo.files.remove("timestamp.json");
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.METADATA_MISSING);
    }

    @Test
    void thresholdCountsDistinctKeysOfTheRole() throws Exception {
        List<Signer> three = List.of(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256),
                Signer.generate(SignatureAlgorithm.ED25519), Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
        repo = new TestRepository();
        repo.keys.put(RoleType.TARGETS, three);
        repo.thresholds.put(RoleType.TARGETS, 2);
        repo.publishRoot();
        repo.target("t", "x");
        repo.keys.put(RoleType.TARGETS, List.of(three.get(0)));
        repo.publish();
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
        repo.keys.put(RoleType.TARGETS, List.of(three.get(1), three.get(1)));
        repo.publish();
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
        repo.keys.put(RoleType.TARGETS, List.of(three.get(1), three.get(2)));
        repo.publish();
        TufClient client = repo.client();
        client.refresh(repo.reader());
        assertThat(client.fetchTarget("t", repo.reader())).isEqualTo(Bytes.utf8("x"));
    }

    @Test
    void rootRotationNeedsOldAndNewKeys() throws Exception {
        Signer oldKey = repo.keys.get(RoleType.ROOT).get(0);
        Signer newKey = Signer.generate(SignatureAlgorithm.ED25519);
        repo.keys.put(RoleType.ROOT, List.of(newKey));
        repo.publishRoot(LATER, List.of(newKey));
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
        repo.rootVersion--;
        repo.keys.put(RoleType.ROOT, List.of(newKey));
        repo.publishRoot(LATER, List.of(oldKey)); // lists the new key but only the old one signed
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
        repo.rootVersion--;
        repo.publishRoot(LATER, List.of(oldKey, newKey));
        repo.publishRoot(LATER, List.of(newKey)); // v3 needs only the v2 keys
        TufClient client = repo.client();
        client.refresh(repo.reader());
        assertThat(client.root().version()).isEqualTo(3);
        assertThat(client.fetchTarget("trusted_root.json", repo.reader()).toArray())
                .isEqualTo(repo.targetContents.get("trusted_root.json"));
    }

    @Test
    void rootOfAnUnexpectedVersionIsRejected() throws Exception {
        repo.publishRoot();
        repo.files.put("3.root.json", repo.files.get("2.root.json")); // v2 served as v3
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.ROLLBACK);
        repo.rootVersion = 4;
        repo.files.put("3.root.json", repo.publishRoot()); // v5 served as v3
        TufClient client = repo.client();
        assertReason(() -> client.refresh(repo.reader()), Reason.VERSION_MISMATCH);
        assertThat(client.root().version()).isEqualTo(2); // the verified part of the walk is kept
    }

    @Test
    void timestampKeyRotationLetsTheRepositoryResetVersions() throws Exception {
        TufClient client = repo.client();
        repo.publish();
        repo.publish();
        client.refresh(repo.reader());
        repo.keys.put(RoleType.TIMESTAMP, List.of(Signer.generate(SignatureAlgorithm.ED25519)));
        repo.publishRoot();
        repo.timestampVersion = 0;
        repo.snapshotVersion = 0;
        repo.publish(); // after a fast-forward attack the repository starts timestamp and snapshot at 1 again
        client.refresh(repo.reader());
        assertThat(client.timestamp().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void targetsSignedByARevokedKeyAreNotTrustedAfterTheRotation() throws Exception {
        TufClient client = repo.client();
        client.refresh(repo.reader());
        repo.keys.put(RoleType.TARGETS, List.of(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256)));
        repo.publishRoot(); // revokes the targets key, but the repository still serves targets v1 signed by it
        assertReason(() -> client.refresh(repo.reader()), Reason.THRESHOLD_NOT_MET);
        repo.targetsVersion = 0;
        repo.snapshotVersion = 1;
        repo.timestampVersion = 1;
        repo.publish(); // targets v1 again, now signed by the new key: accepted
        client.refresh(repo.reader());
        assertThat(client.root().version()).isEqualTo(2);
    }

    @Test
    void bootstrapRootMustBeSelfSigned() {
        Signer other = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] root = TufCodec.write(MetadataSigner.sign(repo.rootRecord(1, LATER), TestRepository.signers(List.of(other))));
        assertReason(() -> TufClient.start(root, () -> NOW), Reason.THRESHOLD_NOT_MET);
        assertReason(() -> TufClient.start("{}".getBytes(StandardCharsets.UTF_8), () -> NOW), Reason.METADATA_MALFORMED);
        assertReason(() -> TufClient.start(repo.files.get("timestamp.json"), () -> NOW), Reason.METADATA_MALFORMED);
    }

    @Test
    void oversizedFilesAreRefusedEvenIfTheReaderReturnsThem() throws Exception {
        repo.files.put("timestamp.json", new byte[TufClient.MAX_TIMESTAMP_BYTES + 1]);
        assertReason(() -> repo.client().refresh(repo.reader()), Reason.LENGTH_MISMATCH);
    }
}
