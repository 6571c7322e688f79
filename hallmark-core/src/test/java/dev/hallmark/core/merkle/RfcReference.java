package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive transcription of the RFC 9162 §2.1 recursive definitions (MTH, PATH, PROOF) over a list of
 * leaf hashes: an independent oracle for the production code, which works from complete subtrees instead.
 */
final class RfcReference {
    private RfcReference() {
    }

    static Bytes mth(List<Bytes> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return MerkleHash.emptyRoot();
        }
        if (n == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleHash.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
    }

    static List<Bytes> path(int m, List<Bytes> leaves) {
        int n = leaves.size();
        List<Bytes> out = new ArrayList<>();
        if (n <= 1) {
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            out.addAll(path(m, leaves.subList(0, k)));
            out.add(mth(leaves.subList(k, n)));
        } else {
            out.addAll(path(m - k, leaves.subList(k, n)));
            out.add(mth(leaves.subList(0, k)));
        }
        return out;
    }

    static List<Bytes> proof(int m, List<Bytes> leaves) {
        return m == 0 || m == leaves.size() ? List.of() : subproof(m, leaves, true);
    }

    private static List<Bytes> subproof(int m, List<Bytes> leaves, boolean b) {
        int n = leaves.size();
        List<Bytes> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(leaves));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(subproof(m, leaves.subList(0, k), b));
            out.add(mth(leaves.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, leaves.subList(k, n), false));
            out.add(mth(leaves.subList(0, k)));
        }
        return out;
    }

    /** Deterministic synthetic leaf hashes, cheap to produce in bulk. */
    static Bytes syntheticLeaf(long i) {
        return MerkleHash.leafHash(java.nio.ByteBuffer.allocate(8).putLong(i).array());
    }

    static InMemoryMerkleTree syntheticTree(long size) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (long i = 0; i < size; i++) {
            tree.append(syntheticLeaf(i));
        }
        return tree;
    }

    static Bytes flip(Bytes b, int bit) {
        byte[] a = b.toArray();
        a[bit / 8] ^= (byte) (1 << (bit % 8));
        return Bytes.of(a);
    }
}
