package dev.hallmark.core.bundle;

import java.util.Objects;

/**
 * A Sigstore bundle ({@code dev.sigstore.bundle.v1.Bundle}): everything needed to verify one signature offline.
 * The record only holds structure that {@link BundleCodec} checked; cryptographic checks belong to the verifier.
 */
public record Bundle(BundleVersion version, VerificationMaterial verificationMaterial, BundleContent content) {
    public Bundle {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verificationMaterial, "verificationMaterial");
        Objects.requireNonNull(content, "content");
    }
}
