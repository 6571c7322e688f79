package dev.hallmark.log.ct;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/**
 * An RFC 6962 §3.5 signed tree head as {@code get-sth} serves it.
 *
 * @param treeHeadSignature the TLS {@code digitally-signed} struct over {@link #signedData}
 */
public record SignedTreeHead(long treeSize, long timestampMillis, Bytes rootHash, Bytes treeHeadSignature) {
    public SignedTreeHead {
        if (treeSize < 0 || timestampMillis < 0) {
            throw new IllegalArgumentException("tree size and timestamp must be non-negative");
        }
        if (rootHash.length() != 32) {
            throw new IllegalArgumentException("root hash must be 32 bytes");
        }
        Objects.requireNonNull(treeHeadSignature, "treeHeadSignature");
    }

    /** The {@code TreeHeadSignature} struct: version v1, signature_type tree_hash (1), timestamp, size, root hash. */
    public static Bytes signedData(long timestampMillis, long treeSize, Bytes rootHash) {
        return new Tls.Writer().u8(0).u8(1).u64(timestampMillis).u64(treeSize).fixed(rootHash).toBytes();
    }

    public Bytes signedData() {
        return signedData(timestampMillis, treeSize, rootHash);
    }
}
