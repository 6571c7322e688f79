package dev.hallmark.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Bytes;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Proof properties over random tree sizes up to 10^6, on one shared in-memory tree of synthetic leaves. */
class MerkleProofProperties {
    private static final long MAX = 1_000_000;
    private static final InMemoryMerkleTree TREE = RfcReference.syntheticTree(MAX);

    @Property(tries = 2000)
    void inclusionProofsVerify(@ForAll @LongRange(min = 1, max = MAX) long size, @ForAll @LongRange(min = 0, max = MAX - 1) long rawIndex)
            throws ProofException {
        long index = rawIndex % size;
        InclusionProof proof = TREE.inclusionProof(index, size);
        Bytes root = TREE.root(size);
        proof.verify(RfcReference.syntheticLeaf(index), root);
        assertThat(proof.hashes()).hasSize(InclusionProof.expectedLength(index, size));
    }

    @Property(tries = 1000)
    void inclusionProofDoesNotVerifyAnotherLeaf(@ForAll @LongRange(min = 2, max = MAX) long size,
            @ForAll @LongRange(min = 0, max = MAX - 1) long a, @ForAll @LongRange(min = 0, max = MAX - 1) long b) {
        long index = a % size;
        long other = b % size;
        Assume.that(index != other);
        InclusionProof proof = TREE.inclusionProof(index, size);
        assertThatThrownBy(() -> proof.verify(RfcReference.syntheticLeaf(other), TREE.root(size)))
                .isInstanceOf(ProofException.class);
    }

    @Property(tries = 2000)
    void consistencyProofsVerify(@ForAll @LongRange(min = 0, max = MAX) long a, @ForAll @LongRange(min = 0, max = MAX) long b)
            throws ProofException {
        long m = Math.min(a, b);
        long n = Math.max(a, b);
        ConsistencyProof proof = TREE.consistencyProof(m, n);
        proof.verify(TREE.root(m), TREE.root(n));
        assertThat(proof.hashes()).hasSize(ConsistencyProof.expectedLength(m, n));
    }

    @Property(tries = 500)
    void consistencyProofRejectsAForeignOldRoot(@ForAll @LongRange(min = 1, max = MAX - 1) long m,
            @ForAll @LongRange(min = 1, max = MAX) long delta) {
        long n = Math.min(MAX, m + delta);
        Assume.that(n > m);
        ConsistencyProof proof = TREE.consistencyProof(m, n);
        assertThatThrownBy(() -> proof.verify(TREE.root(m - 1), TREE.root(n))).isInstanceOf(ProofException.class);
    }
}
