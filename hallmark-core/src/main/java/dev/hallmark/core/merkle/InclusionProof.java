package dev.hallmark.core.merkle;

import static dev.hallmark.core.merkle.ProofException.Reason.INDEX_OUT_OF_RANGE;
import static dev.hallmark.core.merkle.ProofException.Reason.MALFORMED_HASH;
import static dev.hallmark.core.merkle.ProofException.Reason.ROOT_MISMATCH;
import static dev.hallmark.core.merkle.ProofException.Reason.WRONG_PATH_LENGTH;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.3 inclusion proof (audit path): the sibling hashes from leaf {@code leafIndex} up to the root of the
 * tree of {@code treeSize} leaves, leaf first, containing neither the leaf nor the root (sigstore.md §3.4).
 *
 * <p>The record is always well formed: {@code 0 <= leafIndex < treeSize}, every hash 32 bytes, and exactly as many
 * hashes as the index and size imply ({@link #expectedLength}). Build one from wire values with {@link #of}, which
 * reports a violation as a typed {@link ProofException}; the constructor throws {@link IllegalArgumentException}.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Bytes> hashes) {
    /** No tree of at most 2^64 leaves has a longer path. */
    public static final int MAX_PATH_LENGTH = 64;

    public InclusionProof {
        hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        try {
            check(leafIndex, treeSize, hashes);
        } catch (ProofException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Validates wire values into a proof, naming the first violated rule. */
    public static InclusionProof of(long leafIndex, long treeSize, List<Bytes> hashes) throws ProofException {
        List<Bytes> copy = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        check(leafIndex, treeSize, copy);
        return new InclusionProof(leafIndex, treeSize, copy);
    }

    /**
     * The path length RFC 9162 §2.1.3.2 implies: one hash per level where the leaf's ancestor has a sibling. Levels
     * below the highest bit in which {@code index} and {@code size - 1} differ always have one ("inner"); above it the
     * ancestor lies on the right edge and has a (left) sibling only where {@code index} has a one bit ("border").
     */
    public static int expectedLength(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " not in tree of size " + size);
        }
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }

    private static void check(long index, long size, List<Bytes> hashes) throws ProofException {
        if (index < 0 || index >= size) {
            throw new ProofException(INDEX_OUT_OF_RANGE, "leaf index " + index + " not below tree size " + size);
        }
        if (hashes.size() > MAX_PATH_LENGTH || hashes.size() != expectedLength(index, size)) {
            throw new ProofException(WRONG_PATH_LENGTH, "inclusion proof for leaf " + index + " of " + size + " needs "
                    + expectedLength(index, size) + " hashes, not " + hashes.size());
        }
        for (Bytes h : hashes) {
            if (h.length() != MerkleHash.SIZE) {
                throw new ProofException(MALFORMED_HASH, "inclusion proof hash of " + h.length() + " bytes");
            }
        }
    }

    /** The root this proof yields for the given leaf hash, per the RFC 9162 §2.1.3.2 algorithm. */
    public Bytes rootFrom(Bytes leafHash) throws ProofException {
        if (leafHash.length() != MerkleHash.SIZE) {
            throw new ProofException(MALFORMED_HASH, "leaf hash of " + leafHash.length() + " bytes");
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        Bytes r = leafHash;
        for (Bytes p : hashes) {
            if (sn == 0) {
                throw new ProofException(WRONG_PATH_LENGTH, "inclusion proof longer than the tree is high");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    // A right-edge node without a right sibling: climb until this node is a right child again.
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHash.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException(WRONG_PATH_LENGTH, "inclusion proof shorter than the tree is high");
        }
        return r;
    }

    /** Checks that the leaf hash is at {@code leafIndex} in the tree whose root is {@code expectedRoot}. */
    public void verify(Bytes leafHash, Bytes expectedRoot) throws ProofException {
        if (expectedRoot.length() != MerkleHash.SIZE) {
            throw new ProofException(MALFORMED_HASH, "root hash of " + expectedRoot.length() + " bytes");
        }
        if (!rootFrom(leafHash).equals(expectedRoot)) {
            throw new ProofException(ROOT_MISMATCH, "inclusion proof for leaf " + leafIndex + " of " + treeSize
                    + " does not lead to the expected root");
        }
    }
}
