package dev.hallmark.core.merkle;

import static dev.hallmark.core.merkle.ProofException.Reason.MALFORMED_HASH;
import static dev.hallmark.core.merkle.ProofException.Reason.ROOT_MISMATCH;
import static dev.hallmark.core.merkle.ProofException.Reason.SIZE_OUT_OF_RANGE;
import static dev.hallmark.core.merkle.ProofException.Reason.WRONG_PATH_LENGTH;

import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.4 consistency proof that the tree of {@code toSize} leaves extends the tree of {@code fromSize}.
 *
 * <p>Always well formed: {@code 0 <= fromSize <= toSize}, 32-byte hashes, and exactly {@link #expectedLength} of
 * them. That is zero when the sizes are equal (RFC 9162 §2.1.4.1: SUBPROOF(m, D[m], true) is empty) and when
 * {@code fromSize} is 0, which RFC 9162 leaves undefined and which, as in every deployed verifier, needs no proof
 * because the empty tree is a prefix of every tree. {@link #of} reports violations as typed {@link ProofException}s.
 */
public record ConsistencyProof(long fromSize, long toSize, List<Bytes> hashes) {
    public ConsistencyProof {
        hashes = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        try {
            check(fromSize, toSize, hashes);
        } catch (ProofException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Validates wire values into a proof, naming the first violated rule. */
    public static ConsistencyProof of(long fromSize, long toSize, List<Bytes> hashes) throws ProofException {
        List<Bytes> copy = List.copyOf(Objects.requireNonNull(hashes, "hashes"));
        check(fromSize, toSize, copy);
        return new ConsistencyProof(fromSize, toSize, copy);
    }

    /**
     * The number of hashes RFC 9162 §2.1.4 implies for {@code 0 < m < n}: the inclusion path of leaf {@code m - 1} in
     * the new tree, minus the levels inside the largest complete subtree ending at {@code m} (which the old root
     * covers), plus that subtree's own hash unless {@code m} is a power of two (then it is the old root itself).
     */
    public static int expectedLength(long m, long n) {
        if (m < 0 || n < m) {
            throw new IllegalArgumentException("sizes " + m + " and " + n + " out of range");
        }
        if (m == 0 || m == n) {
            return 0;
        }
        long index = m - 1;
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (n - 1));
        int border = Long.bitCount(index >>> inner);
        int shift = Long.numberOfTrailingZeros(m);
        int seed = Long.bitCount(m) == 1 ? 0 : 1;
        return seed + (inner - shift) + border;
    }

    private static void check(long m, long n, List<Bytes> hashes) throws ProofException {
        if (m < 0 || n < m) {
            throw new ProofException(SIZE_OUT_OF_RANGE, "consistency from size " + m + " to " + n);
        }
        int expected = expectedLength(m, n);
        if (hashes.size() != expected) {
            throw new ProofException(WRONG_PATH_LENGTH, "consistency proof from " + m + " to " + n + " needs "
                    + expected + " hashes, not " + hashes.size());
        }
        for (Bytes h : hashes) {
            if (h.length() != MerkleHash.SIZE) {
                throw new ProofException(MALFORMED_HASH, "consistency proof hash of " + h.length() + " bytes");
            }
        }
    }

    /**
     * Checks that {@code toRoot}'s tree extends {@code fromRoot}'s, per RFC 9162 §2.1.4.2. With equal sizes the roots
     * must be equal; from size 0, {@code fromRoot} must be the empty-tree root ({@link MerkleHash#emptyRoot()}).
     */
    public void verify(Bytes fromRoot, Bytes toRoot) throws ProofException {
        if (fromRoot.length() != MerkleHash.SIZE || toRoot.length() != MerkleHash.SIZE) {
            throw new ProofException(MALFORMED_HASH, "root hashes must be " + MerkleHash.SIZE + " bytes");
        }
        if (fromSize == 0) {
            if (!fromRoot.equals(MerkleHash.emptyRoot())) {
                throw new ProofException(ROOT_MISMATCH, "old root of the empty tree is not the empty-tree hash");
            }
            return;
        }
        if (fromSize == toSize) {
            if (!fromRoot.equals(toRoot)) {
                throw new ProofException(ROOT_MISMATCH, "equal tree sizes with different roots");
            }
            return;
        }
        // Step 2: when fromSize is a power of two the old root is the first node of the path.
        List<Bytes> path = hashes;
        if (Long.bitCount(fromSize) == 1) {
            path = new ArrayList<>(hashes.size() + 1);
            path.add(fromRoot);
            path.addAll(hashes);
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while ((fn & 1) == 1) { // step 4
            fn >>>= 1;
            sn >>>= 1;
        }
        Bytes fr = path.get(0); // step 5
        Bytes sr = fr;
        for (int i = 1; i < path.size(); i++) { // step 6
            Bytes c = path.get(i);
            if (sn == 0) {
                throw new ProofException(WRONG_PATH_LENGTH, "consistency proof longer than the tree is high");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.nodeHash(c, fr);
                sr = MerkleHash.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHash.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) { // step 7
            throw new ProofException(WRONG_PATH_LENGTH, "consistency proof shorter than the tree is high");
        }
        if (!fr.equals(fromRoot)) {
            throw new ProofException(ROOT_MISMATCH, "consistency proof does not lead to the old root");
        }
        if (!sr.equals(toRoot)) {
            throw new ProofException(ROOT_MISMATCH, "consistency proof does not lead to the new root");
        }
    }
}
