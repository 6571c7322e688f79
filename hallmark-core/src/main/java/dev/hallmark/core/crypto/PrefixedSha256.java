package dev.hallmark.core.crypto;

import java.security.MessageDigest;

/**
 * SHA-256 over a one-byte domain-separation prefix followed by data, the only hash RFC 6962 / RFC 9162 §2.1.1 Merkle
 * trees use ({@code 0x00} for leaves, {@code 0x01} for interior nodes). Kept in the crypto package so that
 * {@link MessageDigest} stays here, and made fast: one digest per thread is reused and {@link Bytes} are hashed without
 * copying, since log servers and verifiers compute millions of these.
 */
public final class PrefixedSha256 {
    private static final ThreadLocal<MessageDigest> DIGEST =
            ThreadLocal.withInitial(HashAlgorithm.SHA2_256::newMessageDigest);

    private PrefixedSha256() {
    }

    /** SHA-256(prefix ‖ data). */
    public static Bytes hash(byte prefix, byte[] data) {
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(prefix);
        md.update(data);
        return Bytes.of(md.digest());
    }

    /** SHA-256(prefix ‖ data). */
    public static Bytes hash(byte prefix, Bytes data) {
        return hash(prefix, data.unsafeArray());
    }

    /** SHA-256(prefix ‖ left ‖ right). */
    public static Bytes hash(byte prefix, Bytes left, Bytes right) {
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(prefix);
        md.update(left.unsafeArray());
        md.update(right.unsafeArray());
        return Bytes.of(md.digest());
    }

    /** SHA-256(prefix ‖ data[offset .. offset+length)), for hashes read straight out of a tile. */
    public static Bytes hash(byte prefix, byte[] data, int offset, int length) {
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(prefix);
        md.update(data, offset, length);
        return Bytes.of(md.digest());
    }
}
