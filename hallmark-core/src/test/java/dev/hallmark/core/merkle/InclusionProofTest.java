package dev.hallmark.core.merkle;

import static dev.hallmark.core.merkle.MerkleHashTest.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ProofException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InclusionProofTest {
    private static final InMemoryMerkleTree TREE_300 = RfcReference.syntheticTree(300);

    @Test
    void knownAnswerProofsFromTheReferenceTree() throws Exception {
        InMemoryMerkleTree tree = MerkleHashTest.referenceTree();
        // transparency-dev/merkle proof/verify_test.go inclusionProofs (leaf numbers there are 1-based).
        assertKnownProof(tree, 0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertKnownProof(tree, 5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertKnownProof(tree, 2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertKnownProof(tree, 1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertKnownProof(tree, 0, 1);
    }

    private static void assertKnownProof(InMemoryMerkleTree tree, long index, long size, String... hashes)
            throws ProofException {
        List<Bytes> expected = new ArrayList<>();
        for (String hex : hashes) {
            expected.add(h(hex));
        }
        assertThat(tree.inclusionProof(index, size).hashes()).isEqualTo(expected);
        InclusionProof.of(index, size, expected).verify(tree.hash(0, index), h(MerkleHashTest.ROOTS.get((int) size - 1)));
    }

    @Test
    void everyIndexOfEverySizeUpTo300Verifies() throws ProofException {
        List<Bytes> leaves = new ArrayList<>();
        for (long size = 1; size <= 300; size++) {
            leaves.add(RfcReference.syntheticLeaf(size - 1));
            Bytes root = TREE_300.root(size);
            if (size <= 64) {
                assertThat(root).isEqualTo(RfcReference.mth(leaves));
            }
            for (long i = 0; i < size; i++) {
                InclusionProof proof = TREE_300.inclusionProof(i, size);
                assertThat(proof.hashes()).hasSize(InclusionProof.expectedLength(i, size));
                if (size <= 64) {
                    assertThat(proof.hashes()).isEqualTo(RfcReference.path((int) i, leaves));
                }
                proof.verify(RfcReference.syntheticLeaf(i), root);
                assertThat(proof.rootFrom(RfcReference.syntheticLeaf(i))).isEqualTo(root);
            }
        }
    }

    @Test
    void everySingleBitFlipIsRejectedForSmallTrees() throws ProofException {
        int checked = 0;
        for (long size = 1; size <= 16; size++) {
            for (long i = 0; i < size; i++) {
                checked += assertAllBitFlipsRejected(i, size);
            }
        }
        for (long[] c : new long[][] {{0, 300}, {255, 256}, {256, 257}, {299, 300}, {170, 300}, {63, 100}}) {
            checked += assertAllBitFlipsRejected(c[0], c[1]);
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    private static int assertAllBitFlipsRejected(long index, long size) throws ProofException {
        InclusionProof proof = TREE_300.inclusionProof(index, size);
        Bytes leaf = TREE_300.hash(0, index);
        Bytes root = TREE_300.root(size);
        int count = 0;
        for (int bit = 0; bit < 256; bit++) {
            assertRootMismatch(proof, RfcReference.flip(leaf, bit), root);
            assertRootMismatch(proof, leaf, RfcReference.flip(root, bit));
            count += 2;
            for (int k = 0; k < proof.hashes().size(); k++) {
                List<Bytes> hashes = new ArrayList<>(proof.hashes());
                hashes.set(k, RfcReference.flip(hashes.get(k), bit));
                assertRootMismatch(new InclusionProof(index, size, hashes), leaf, root);
                count++;
            }
        }
        return count;
    }

    private static void assertRootMismatch(InclusionProof proof, Bytes leaf, Bytes root) {
        assertThatThrownBy(() -> proof.verify(leaf, root)).isInstanceOfSatisfying(ProofException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_MISMATCH));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 5, 6, 7, 100, 255, 256, 298})
    void proofsForAnotherIndexOrSizeAreRejected(long index) throws ProofException {
        long size = 300;
        InclusionProof proof = TREE_300.inclusionProof(index, size);
        Bytes leaf = TREE_300.hash(0, index);
        Bytes root = TREE_300.root(size);
        for (long[] wrong : new long[][] {{index - 1, size}, {index + 1, size}, {index ^ 2, size}, {index, size * 2},
                {index, size / 2}}) {
            assertThatThrownBy(() -> InclusionProof.of(wrong[0], wrong[1], proof.hashes()).verify(leaf, root))
                    .isInstanceOf(ProofException.class);
        }
    }

    @Test
    void malformedProofsAreRejectedWithTheirReason() {
        Bytes x = RfcReference.syntheticLeaf(0);
        assertReason(() -> InclusionProof.of(4, 4, List.of(x, x)), Reason.INDEX_OUT_OF_RANGE);
        assertReason(() -> InclusionProof.of(-1, 4, List.of(x, x)), Reason.INDEX_OUT_OF_RANGE);
        assertReason(() -> InclusionProof.of(0, 0, List.of()), Reason.INDEX_OUT_OF_RANGE);
        assertReason(() -> InclusionProof.of(0, 4, List.of(x)), Reason.WRONG_PATH_LENGTH);
        assertReason(() -> InclusionProof.of(0, 4, List.of(x, x, x)), Reason.WRONG_PATH_LENGTH);
        assertReason(() -> InclusionProof.of(0, 1, List.of(x)), Reason.WRONG_PATH_LENGTH);
        assertReason(() -> InclusionProof.of(0, Long.MAX_VALUE, java.util.Collections.nCopies(65, x)),
                Reason.WRONG_PATH_LENGTH);
        assertReason(() -> InclusionProof.of(0, 4, List.of(x, x.slice(0, 31))), Reason.MALFORMED_HASH);
        assertReason(() -> new InclusionProof(0, 1, List.of()).rootFrom(Bytes.EMPTY), Reason.MALFORMED_HASH);
        assertReason(() -> new InclusionProof(0, 1, List.of()).verify(x, x.slice(0, 16)), Reason.MALFORMED_HASH);
        assertThatThrownBy(() -> new InclusionProof(0, 4, List.of(x))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathLengthsFollowRfc9162() {
        assertThat(InclusionProof.expectedLength(0, 1)).isZero();
        assertThat(InclusionProof.expectedLength(2, 3)).isEqualTo(1);
        assertThat(InclusionProof.expectedLength(0, 8)).isEqualTo(3);
        assertThat(InclusionProof.expectedLength(8, 9)).isEqualTo(1);
        assertThat(InclusionProof.expectedLength(0, Long.MAX_VALUE)).isEqualTo(63);
    }

    @Test
    void singleLeafTreeRootIsTheLeaf() throws ProofException {
        Bytes leaf = RfcReference.syntheticLeaf(7);
        new InclusionProof(0, 1, List.of()).verify(leaf, leaf);
        assertReason(() -> new InclusionProof(0, 1, List.of()).verify(leaf, MerkleHash.emptyRoot()),
                Reason.ROOT_MISMATCH);
    }

    /** Real proofs from public-good Rekor v1 and staging Rekor v2 bundles lead to their checkpoints' roots. */
    @ParameterizedTest
    @ValueSource(strings = {"happy-path-v0.3", "rekor2-happy-path", "rekor2-dsse-happy-path"})
    void realBundleProofsVerify(String caseName) throws Exception {
        JsonNode entry = new ObjectMapper()
                .readTree(Vectors.text("conformance/bundle-verify/" + caseName + "/bundle.sigstore.json"))
                .at("/verificationMaterial/tlogEntries/0");
        JsonNode p = entry.get("inclusionProof");
        List<Bytes> hashes = new ArrayList<>();
        p.get("hashes").forEach(n -> hashes.add(Bytes.of(Base64.getDecoder().decode(n.asText()))));
        Bytes leaf = MerkleHash.leafHash(Base64.getDecoder().decode(entry.get("canonicalizedBody").asText()));
        Bytes root = Bytes.of(Base64.getDecoder().decode(p.get("rootHash").asText()));
        InclusionProof proof = InclusionProof.of(p.get("logIndex").asLong(), p.get("treeSize").asLong(), hashes);
        proof.verify(leaf, root);
        assertReason(() -> proof.verify(RfcReference.flip(leaf, 0), root), Reason.ROOT_MISMATCH);
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertReason(Call call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProofException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
