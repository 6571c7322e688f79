package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds RFC 9162 §2.1 roots and proofs for any tree size from the hashes of complete subtrees ({@link
 * SubtreeHashes}), which is all a tile-based log stores. Incomplete nodes on the right edge of a tree are computed
 * from the complete subtrees they are made of, following the MTH definition of RFC 9162 §2.1.1 (split at the largest
 * power of two smaller than the size).
 *
 * <p>Every proof is checked against the root before it is returned (STYLE: proofs are self-checked at runtime); a
 * failure means the store returned inconsistent hashes and raises {@link IllegalStateException}.
 */
public final class Proofs {
    private Proofs() {
    }

    /** MTH(D[0:size]); the empty-tree hash for size 0. */
    public static Bytes root(long size, SubtreeHashes tree) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
        return size == 0 ? MerkleHash.emptyRoot() : rangeHash(0, size, tree);
    }

    /** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1. */
    public static InclusionProof inclusion(long index, long size, SubtreeHashes tree) {
        return inclusion(index, size, tree, null);
    }

    /**
     * PATH(index, D[0:size]), self-checked against {@code knownRoot} when the caller knows it (a log's signed
     * checkpoint): ~log2(size) hashes instead of rebuilding MTH(D[0:size]) from the subtrees; {@code null} rebuilds
     * it.
     */
    public static InclusionProof inclusion(long index, long size, SubtreeHashes tree, Bytes knownRoot) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " not below tree size " + size);
        }
        Objects.requireNonNull(tree, "tree");
        List<Bytes> path = new ArrayList<>();
        int height = 64 - Long.numberOfLeadingZeros(size - 1);
        for (int level = 0; level < height; level++) {
            long sibling = (index >>> level) ^ 1;
            long start = sibling << level;
            if (start >= size) {
                continue; // the ancestor is on the right edge with nothing to its right: promoted, no hash here
            }
            long span = 1L << level;
            path.add(size - start >= span ? tree.hash(level, sibling) : rangeHash(start, size, tree));
        }
        InclusionProof proof = new InclusionProof(index, size, path);
        selfCheck(() -> proof.verify(tree.hash(0, index), knownRoot != null ? knownRoot : root(size, tree)));
        return proof;
    }

    /** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1; empty when {@code m} is 0 or equals {@code n}. */
    public static ConsistencyProof consistency(long m, long n, SubtreeHashes tree) {
        return consistency(m, n, tree, null);
    }

    /**
     * PROOF(m, D[0:n]), self-checked against {@code knownRoot} as the root of the size-{@code n} tree when the caller
     * knows it ({@code null} rebuilds it); the size-{@code m} root is always rebuilt from the subtrees.
     */
    public static ConsistencyProof consistency(long m, long n, SubtreeHashes tree, Bytes knownRoot) {
        if (m < 0 || n < m) {
            throw new IllegalArgumentException("consistency from size " + m + " to " + n);
        }
        Objects.requireNonNull(tree, "tree");
        List<Bytes> path = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(m, 0, n, true, tree, path);
        }
        ConsistencyProof proof = new ConsistencyProof(m, n, path);
        selfCheck(() -> proof.verify(root(m, tree), knownRoot != null ? knownRoot : root(n, tree)));
        return proof;
    }

    /** SUBPROOF(m, D[lo:hi], b), RFC 9162 §2.1.4.1; [lo, hi) is always a node of the tree. */
    private static void subproof(long m, long lo, long hi, boolean whole, SubtreeHashes tree, List<Bytes> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(rangeHash(lo, hi, tree));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1); // largest power of two smaller than n
        if (m <= k) {
            subproof(m, lo, lo + k, whole, tree, out);
            out.add(rangeHash(lo + k, hi, tree));
        } else {
            subproof(m - k, lo + k, hi, false, tree, out);
            out.add(rangeHash(lo, lo + k, tree));
        }
    }

    /**
     * MTH(D[start:end]) for a node of the tree, i.e. {@code start} a multiple of a power of two at least
     * {@code end - start}. The node is the right-leaning fold of the complete subtrees given by the binary digits of
     * {@code end - start}, largest first: exactly what the recursive MTH split produces.
     */
    static Bytes rangeHash(long start, long end, SubtreeHashes tree) {
        long n = end - start;
        Bytes acc = null;
        long pos = end;
        for (int level = 0; level < 63 && (n >>> level) != 0; level++) {
            if (((n >>> level) & 1) != 0) {
                pos -= 1L << level;
                Bytes sub = tree.hash(level, pos >>> level);
                acc = acc == null ? sub : MerkleHash.nodeHash(sub, acc);
            }
        }
        return acc;
    }

    private interface Check {
        void run() throws ProofException;
    }

    private static void selfCheck(Check check) {
        try {
            check.run();
        } catch (ProofException e) {
            throw new IllegalStateException("generated proof does not verify; the subtree store is inconsistent", e);
        }
    }
}
