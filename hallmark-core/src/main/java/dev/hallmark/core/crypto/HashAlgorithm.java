package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash functions Sigstore names, with their proto enum names and their in-toto / Rekor names. */
public enum HashAlgorithm {
    SHA2_256("SHA-256", "sha256", 32),
    SHA2_384("SHA-384", "sha384", 48),
    SHA2_512("SHA-512", "sha512", 64);

    private final String jcaName;
    private final String shortName;
    private final int length;

    HashAlgorithm(String jcaName, String shortName, int length) {
        this.jcaName = jcaName;
        this.shortName = shortName;
        this.length = length;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    /** The lower-case name used in in-toto subjects and Rekor v1 bodies: sha256, sha384, sha512. */
    public String shortName() {
        return shortName;
    }

    /** The JCA name, for code in hallmark-core that hands a digest to a JCA or BouncyCastle API. */
    public String jcaName() {
        return jcaName;
    }

    public Digest digest(byte[]... parts) {
        MessageDigest md = newMessageDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return new Digest(this, Bytes.of(md.digest()));
    }

    public Digest digest(Bytes bytes) {
        MessageDigest md = newMessageDigest();
        md.update(bytes.unsafeArray());
        return new Digest(this, Bytes.of(md.digest()));
    }

    MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    /** Parses a proto enum name (SHA2_256) or a short name (sha256), as found in bundles, bodies and subjects. */
    public static HashAlgorithm parse(String name) throws FormatException {
        for (HashAlgorithm a : values()) {
            if (a.name().equals(name) || a.shortName.equals(name)) {
                return a;
            }
        }
        throw new FormatException("unsupported hash algorithm: " + name);
    }
}
