package dev.hallmark.log.rekor;

import static dev.hallmark.log.rekor.RekorFixtures.json;
import static dev.hallmark.log.rekor.RekorFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.rekor.SignedEntryTimestamp;
import dev.hallmark.log.api.LogApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Rekor v1 read endpoint over a log of twenty entries (and one sequenced but not yet published). */
class RekorV1ReadTest {
    private static final int SIZE = 20;
    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final RekorFixtures f = new RekorFixtures();
    private final List<Bytes> bodies = new ArrayList<>();
    private final List<String> uuids = new ArrayList<>();

    private static byte[] artifact(int i) {
        return ("artifact " + i).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void fill() {
        for (int i = 0; i < SIZE; i++) {
            JsonNode created = json(f.api.createEntry(RekorFixtures.hashedRekord(signer, artifact(i))));
            Bytes body = Bytes.utf8(new String(java.util.Base64.getDecoder().decode(only(created).getValue().get("body").textValue()),
                    StandardCharsets.UTF_8));
            bodies.add(body);
            uuids.add(MerkleHash.leafHash(body).hex());
        }
        f.log.addUnpublished(Bytes.utf8("{\"sequenced\":\"not published\"}"));
    }

    /** The entry is the one logged; its proof verifies against the latest checkpoint and its SET with the log key. */
    private void assertEntry(LogApiResponse response, int index) throws Exception {
        assertThat(response.status()).isEqualTo(200);
        JsonNode e = only(json(response)).getValue();
        assertThat(only(json(response)).getKey()).isEqualTo("000000001234abcd" + uuids.get(index));
        assertThat(Bytes.fromBase64(e.get("body").textValue())).isEqualTo(bodies.get(index));
        assertThat(e.get("logIndex").longValue()).isEqualTo(index);
        JsonNode p = e.get("verification").get("inclusionProof");
        List<Bytes> hashes = new ArrayList<>();
        p.get("hashes").forEach(h -> hashes.add(hex(h.textValue())));
        Checkpoint checkpoint = SignedNote.parse(p.get("checkpoint").textValue())
                .verifyCheckpoint(List.of(NoteVerifier.ecdsa(RekorFixtures.HOST, f.logKey.publicKey())));
        assertThat(checkpoint.size()).isEqualTo(SIZE).isEqualTo(p.get("treeSize").longValue());
        assertThat(hex(p.get("rootHash").textValue())).isEqualTo(checkpoint.rootHash());
        new InclusionProof(p.get("logIndex").longValue(), SIZE, hashes).verify(MerkleHash.leafHash(bodies.get(index)), checkpoint.rootHash());
        f.logKey.verifier().verify(SignedEntryTimestamp.payload(bodies.get(index), e.get("integratedTime").longValue(), f.api.logId(), index),
                Bytes.fromBase64(e.get("verification").get("signedEntryTimestamp").textValue()).toArray());
    }

    private static Bytes hex(String s) {
        try {
            return Bytes.fromHex(s);
        } catch (dev.hallmark.core.FormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void entryByIndex() throws Exception {
        for (int i = 0; i < SIZE; i++) {
            assertEntry(f.api.getEntryByIndex(Integer.toString(i)), i);
        }
        assertThat(f.api.getEntryByIndex(Integer.toString(SIZE)).status()).as("sequenced, not published").isEqualTo(404);
        assertThat(f.api.getEntryByIndex("999").status()).isEqualTo(404);
        for (String bad : new String[] {"-1", "abc", "", "1.5", "99999999999999999999"}) {
            assertThat(f.api.getEntryByIndex(bad).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void entryByUuidOrEntryId() throws Exception {
        assertEntry(f.api.getEntry(uuids.get(7)), 7);
        assertEntry(f.api.getEntry("000000001234abcd" + uuids.get(8)), 8);
        assertEntry(f.api.getEntry(uuids.get(9).toUpperCase(java.util.Locale.ROOT)), 9);
        assertThat(f.api.getEntry("00000000000000ff" + uuids.get(8)).status()).as("another tree").isEqualTo(404);
        assertThat(f.api.getEntry(Digest.sha256(new byte[0]).hex()).status()).isEqualTo(404);
        LogApiResponse malformed = f.api.getEntry("not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(json(malformed).get("code").intValue()).isEqualTo(400);
    }

    @Test
    void retrieveByUuidsIndexesAndProposedEntriesLeavesMissesOut() throws Exception {
        String query = "{\"entryUUIDs\":[\"" + uuids.get(0) + "\",\"" + Digest.sha256(new byte[0]).hex() + "\"],\"logIndexes\":[3,999]}";
        JsonNode found = json(f.api.retrieveEntries(Bytes.utf8(query)));
        assertThat(found.size()).isEqualTo(2);
        assertThat(only(found.get(0)).getValue().get("logIndex").longValue()).isZero();
        assertThat(only(found.get(1)).getValue().get("logIndex").longValue()).isEqualTo(3);

        String proposed = "{\"entries\":[" + new String(bodies.get(5).toArray(), StandardCharsets.UTF_8) + "]}";
        JsonNode byEntry = json(f.api.retrieveEntries(Bytes.utf8(proposed)));
        assertThat(byEntry.size()).isEqualTo(1);
        assertThat(only(byEntry.get(0)).getKey()).endsWith(uuids.get(5));

        StringBuilder eleven = new StringBuilder("{\"logIndexes\":[0");
        for (int i = 1; i <= 10; i++) {
            eleven.append(',').append(i);
        }
        assertThat(f.api.retrieveEntries(Bytes.utf8(eleven + "]}")).status()).isEqualTo(422);
        assertThat(f.api.retrieveEntries(Bytes.utf8("{\"logIndexes\":[-1]}")).status()).isEqualTo(400);
        assertThat(f.api.retrieveEntries(Bytes.utf8("{\"entryUUIDs\":[\"xyz\"]}")).status()).isEqualTo(400);
        assertThat(f.api.retrieveEntries(Bytes.utf8("[]")).status()).isEqualTo(400);
        assertThat(json(f.api.retrieveEntries(Bytes.utf8("{}"))).size()).isZero();
    }

    @Test
    void searchIndexByArtifactDigest() {
        Digest digest = Digest.sha256(artifact(2));
        JsonNode found = json(f.api.searchIndex(Bytes.utf8("{\"hash\":\"sha256:" + digest.hex() + "\"}")));
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).textValue()).isEqualTo(uuids.get(2));
        JsonNode bare = json(f.api.searchIndex(Bytes.utf8("{\"hash\":\"" + digest.hex().toUpperCase(java.util.Locale.ROOT) + "\"}")));
        assertThat(bare).isEqualTo(found);
        // entries logged after the first search are found too
        f.api.createEntry(RekorFixtures.hashedRekord(signer, artifact(2)));
        assertThat(json(f.api.searchIndex(Bytes.utf8("{\"hash\":\"sha256:" + digest.hex() + "\"}"))).size()).isEqualTo(2);
        assertThat(json(f.api.searchIndex(Bytes.utf8("{\"hash\":\"sha256:" + Digest.sha256(new byte[0]).hex() + "\"}"))).size()).isZero();
        assertThat(f.api.searchIndex(Bytes.utf8("{\"email\":\"a@example.com\"}")).status()).isEqualTo(400);
        assertThat(f.api.searchIndex(Bytes.utf8("{\"hash\":\"sha256:abc\"}")).status()).isEqualTo(400);
        assertThat(f.api.searchIndex(Bytes.utf8("{}")).status()).isEqualTo(400);
    }

    @Test
    void logInfo() throws Exception {
        LogApiResponse response = f.api.getLogInfo();
        assertThat(response.status()).isEqualTo(200);
        JsonNode info = json(response);
        Checkpoint checkpoint = SignedNote.parse(info.get("signedTreeHead").textValue())
                .verifyCheckpoint(List.of(NoteVerifier.ecdsa(RekorFixtures.HOST, f.logKey.publicKey())));
        assertThat(info.get("treeSize").longValue()).isEqualTo(SIZE).isEqualTo(checkpoint.size());
        assertThat(info.get("rootHash").textValue()).isEqualTo(checkpoint.rootHash().hex());
        assertThat(info.get("treeID").textValue()).isEqualTo(Long.toString(RekorFixtures.TREE_ID));
        assertThat(checkpoint.origin()).isEqualTo(RekorFixtures.ORIGIN);
    }

    /** Every pair of sizes, checked against roots computed independently from the logged bodies. */
    @Test
    void consistencyProofsVerifyForEveryPairOfSizes() throws Exception {
        InMemoryMerkleTree reference = new InMemoryMerkleTree();
        bodies.forEach(b -> reference.appendLeaf(b.toArray()));
        for (int m = 1; m <= SIZE; m++) {
            for (int n = m; n <= SIZE; n++) {
                LogApiResponse response = f.api.getConsistencyProof(Integer.toString(m), Integer.toString(n));
                assertThat(response.status()).isEqualTo(200);
                JsonNode proof = json(response);
                assertThat(hex(proof.get("rootHash").textValue())).isEqualTo(reference.root(n));
                List<Bytes> hashes = new ArrayList<>();
                proof.get("hashes").forEach(h -> hashes.add(hex(h.textValue())));
                new ConsistencyProof(m, n, hashes).verify(reference.root(m), reference.root(n));
            }
        }
        assertThat(f.api.getConsistencyProof(null, "5").status()).as("firstSize defaults to 1").isEqualTo(200);
        assertThat(f.api.getConsistencyProof("5", "4").status()).isEqualTo(400);
        assertThat(f.api.getConsistencyProof("1", Integer.toString(SIZE + 1)).status()).isEqualTo(400);
        assertThat(f.api.getConsistencyProof("1", null).status()).isEqualTo(400);
        assertThat(f.api.getConsistencyProof("0", "3").status()).isEqualTo(400);
        assertThat(f.api.getConsistencyProof("x", "3").status()).isEqualTo(400);
    }

    @Test
    void publicKeyIsThePemOfTheLogKey() throws Exception {
        LogApiResponse response = f.api.getPublicKey();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/x-pem-file");
        assertThat(Keys.spki(Keys.publicKeyFromPem(response.bodyText()))).isEqualTo(Keys.spki(f.logKey.publicKey()));
        assertThat(f.api.logId()).isEqualTo(Digest.sha256(Keys.spki(f.logKey.publicKey()).toArray()).value());
    }
}
