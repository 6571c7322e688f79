package dev.hallmark.core.bundle;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature over an artifact. {@code messageDigest} only identifies the artifact; the verifier checks the signature
 * against the artifact (or the digest the caller supplies), never against this field alone.
 */
public record MessageSignature(Optional<Digest> messageDigest, Bytes signature) implements BundleContent {
    public MessageSignature {
        Objects.requireNonNull(messageDigest, "messageDigest");
        Objects.requireNonNull(signature, "signature");
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("empty signature");
        }
    }
}
