package dev.hallmark.core.merkle;

import static dev.hallmark.core.merkle.InclusionProofTest.assertReason;
import static dev.hallmark.core.merkle.MerkleHashTest.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ProofException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsistencyProofTest {
    private static final InMemoryMerkleTree TREE = RfcReference.syntheticTree(5000);

    @Test
    void knownAnswerProofsFromTheReferenceTree() throws ProofException {
        InMemoryMerkleTree tree = MerkleHashTest.referenceTree();
        // transparency-dev/merkle proof/verify_test.go consistencyProofs.
        assertKnown(tree, 1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertKnown(tree, 6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertKnown(tree, 2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertKnown(tree, 6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertKnown(tree, 1, 1);
    }

    private static void assertKnown(InMemoryMerkleTree tree, long m, long n, String... hashes) throws ProofException {
        List<Bytes> expected = new ArrayList<>();
        for (String hex : hashes) {
            expected.add(h(hex));
        }
        assertThat(tree.consistencyProof(m, n).hashes()).isEqualTo(expected);
        ConsistencyProof.of(m, n, expected)
                .verify(h(MerkleHashTest.ROOTS.get((int) m - 1)), h(MerkleHashTest.ROOTS.get((int) n - 1)));
    }

    @Test
    void allPairsUpTo100VerifyAndMatchTheRfcDefinition() throws ProofException {
        List<Bytes> leaves = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            leaves.add(RfcReference.syntheticLeaf(i));
        }
        for (long n = 0; n <= 100; n++) {
            for (long m = 0; m <= n; m++) {
                ConsistencyProof proof = TREE.consistencyProof(m, n);
                assertThat(proof.hashes()).hasSize(ConsistencyProof.expectedLength(m, n));
                if (n <= 64) {
                    assertThat(proof.hashes()).isEqualTo(RfcReference.proof((int) m, leaves.subList(0, (int) n)));
                }
                proof.verify(TREE.root(m), TREE.root(n));
            }
        }
    }

    @Test
    void randomPairsBeyond100Verify() throws ProofException {
        Random random = new Random(6962);
        for (int k = 0; k < 3000; k++) {
            long n = 100 + random.nextInt(4901);
            long m = 1 + random.nextInt((int) n);
            TREE.consistencyProof(m, n).verify(TREE.root(m), TREE.root(n));
        }
    }

    @Test
    void everySingleBitFlipIsRejected() throws ProofException {
        int checked = 0;
        for (long n = 2; n <= 20; n++) {
            for (long m = 1; m < n; m++) {
                checked += assertAllBitFlipsRejected(m, n);
            }
        }
        for (long[] c : new long[][] {{255, 256}, {256, 257}, {1000, 4999}, {4095, 4096}, {3, 5000}}) {
            checked += assertAllBitFlipsRejected(c[0], c[1]);
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    private static int assertAllBitFlipsRejected(long m, long n) throws ProofException {
        ConsistencyProof proof = TREE.consistencyProof(m, n);
        Bytes from = TREE.root(m);
        Bytes to = TREE.root(n);
        int count = 0;
        for (int bit = 0; bit < 256; bit++) {
            Bytes badFrom = RfcReference.flip(from, bit);
            Bytes badTo = RfcReference.flip(to, bit);
            assertReason(() -> proof.verify(badFrom, to), Reason.ROOT_MISMATCH);
            assertReason(() -> proof.verify(from, badTo), Reason.ROOT_MISMATCH);
            count += 2;
            for (int k = 0; k < proof.hashes().size(); k++) {
                List<Bytes> hashes = new ArrayList<>(proof.hashes());
                hashes.set(k, RfcReference.flip(hashes.get(k), bit));
                assertReason(() -> new ConsistencyProof(m, n, hashes).verify(from, to), Reason.ROOT_MISMATCH);
                count++;
            }
        }
        return count;
    }

    @Test
    void swappedRootsAndOtherSizesAreRejected() throws ProofException {
        ConsistencyProof proof = TREE.consistencyProof(6, 8);
        Bytes r6 = TREE.root(6);
        Bytes r8 = TREE.root(8);
        assertReason(() -> proof.verify(r8, r6), Reason.ROOT_MISMATCH);
        for (long[] wrong : new long[][] {{5, 8}, {7, 8}, {4, 8}, {6, 16}, {6, 4}, {6, 9}}) {
            assertThatThrownBy(() -> ConsistencyProof.of(wrong[0], wrong[1], proof.hashes()).verify(r6, r8))
                    .isInstanceOf(ProofException.class);
        }
    }

    @Test
    void equalAndEmptySizesFollowTheRfc() throws ProofException {
        Bytes r5 = TREE.root(5);
        new ConsistencyProof(5, 5, List.of()).verify(r5, r5);
        assertReason(() -> new ConsistencyProof(5, 5, List.of()).verify(r5, TREE.root(6)), Reason.ROOT_MISMATCH);
        new ConsistencyProof(0, 0, List.of()).verify(MerkleHash.emptyRoot(), MerkleHash.emptyRoot());
        new ConsistencyProof(0, 7, List.of()).verify(MerkleHash.emptyRoot(), TREE.root(7));
        assertReason(() -> new ConsistencyProof(0, 7, List.of()).verify(r5, TREE.root(7)), Reason.ROOT_MISMATCH);
        assertReason(() -> ConsistencyProof.of(5, 5, List.of(r5)), Reason.WRONG_PATH_LENGTH);
        assertReason(() -> ConsistencyProof.of(0, 3, List.of(r5)), Reason.WRONG_PATH_LENGTH);
        assertReason(() -> ConsistencyProof.of(1, 2, List.of()), Reason.WRONG_PATH_LENGTH);
        assertReason(() -> ConsistencyProof.of(2, 1, List.of()), Reason.SIZE_OUT_OF_RANGE);
        assertReason(() -> ConsistencyProof.of(-1, 1, List.of()), Reason.SIZE_OUT_OF_RANGE);
        assertReason(() -> ConsistencyProof.of(1, 2, List.of(Bytes.EMPTY)), Reason.MALFORMED_HASH);
        assertReason(() -> new ConsistencyProof(1, 1, List.of()).verify(Bytes.EMPTY, r5), Reason.MALFORMED_HASH);
    }

    @Test
    void proofsGrowWithTheOldTreeNotTheNewOne() {
        assertThat(ConsistencyProof.expectedLength(1, 2)).isEqualTo(1);
        assertThat(ConsistencyProof.expectedLength(4, 8)).isEqualTo(1);
        assertThat(ConsistencyProof.expectedLength(3, 4)).isEqualTo(3);
        assertThat(ConsistencyProof.expectedLength(1, 1L << 40)).isEqualTo(40);
    }
}
