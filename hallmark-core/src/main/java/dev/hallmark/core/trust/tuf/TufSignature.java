package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/** One entry of a metadata file's {@code signatures} (TUF §4.2): key ID and raw signature bytes (hex on the wire). */
public record TufSignature(String keyId, Bytes sig) {
    public TufSignature {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(sig, "sig");
    }
}
