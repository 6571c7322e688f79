package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.PrefixedSha256;
import java.util.Objects;

/**
 * The RFC 6962 / RFC 9162 §2.1.1 Merkle tree hash with SHA-256: leaves and interior nodes are hashed with distinct
 * one-byte prefixes so that a leaf can never be passed off as a node (second-preimage resistance).
 */
public final class MerkleHash {
    /** Length in bytes of every hash in the tree. */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final Bytes EMPTY_ROOT = HashAlgorithm.SHA2_256.digest(new byte[0]).value();

    private MerkleHash() {
    }

    /** MTH({d}) = SHA-256(0x00 ‖ d). */
    public static Bytes leafHash(byte[] leaf) {
        return PrefixedSha256.hash(LEAF_PREFIX, Objects.requireNonNull(leaf, "leaf"));
    }

    /** MTH({d}) = SHA-256(0x00 ‖ d). */
    public static Bytes leafHash(Bytes leaf) {
        return PrefixedSha256.hash(LEAF_PREFIX, Objects.requireNonNull(leaf, "leaf"));
    }

    /** SHA-256(0x01 ‖ left ‖ right); both children must be 32-byte hashes. */
    public static Bytes nodeHash(Bytes left, Bytes right) {
        if (left.length() != SIZE || right.length() != SIZE) {
            throw new IllegalArgumentException("Merkle node children must be " + SIZE + "-byte hashes");
        }
        return PrefixedSha256.hash(NODE_PREFIX, left, right);
    }

    /** MTH({}) = SHA-256 of the empty string, the root of the empty tree. */
    public static Bytes emptyRoot() {
        return EMPTY_ROOT;
    }

    /** SHA-256(0x01 ‖ left ‖ right) over two hashes stored back to back in {@code data} at {@code offset}. */
    static Bytes nodeHash(byte[] data, int offset) {
        return PrefixedSha256.hash(NODE_PREFIX, data, offset, 2 * SIZE);
    }
}
