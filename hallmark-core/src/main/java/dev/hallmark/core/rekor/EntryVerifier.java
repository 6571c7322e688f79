package dev.hallmark.core.rekor;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.util.Objects;

/**
 * The Rekor v2 {@code Verifier} message (sigstore.md §4.1): the key material as DER plus the protobuf-specs
 * {@code PublicKeyDetails} name, which the log checked against the key before accepting the entry.
 */
public record EntryVerifier(VerifierKey key, String keyDetails) {
    public EntryVerifier {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyDetails, "keyDetails");
        try {
            SignatureAlgorithm.fromKeyDetails(keyDetails);
        } catch (FormatException e) {
            throw new IllegalArgumentException("unsupported keyDetails " + keyDetails);
        }
    }

    /** The signature scheme {@link #keyDetails()} names. */
    public SignatureAlgorithm algorithm() {
        try {
            return SignatureAlgorithm.fromKeyDetails(keyDetails);
        } catch (FormatException e) {
            throw new IllegalStateException("checked in the constructor", e);
        }
    }
}
