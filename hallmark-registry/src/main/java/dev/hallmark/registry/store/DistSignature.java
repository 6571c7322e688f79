package dev.hallmark.registry.store;

import java.util.Objects;

/** One entry of {@code dist.signatures} (npm.md §6.1): the registry key's ID and a base64 DER ECDSA signature. */
public record DistSignature(String keyid, String sig) {
    public DistSignature {
        Objects.requireNonNull(keyid, "keyid");
        Objects.requireNonNull(sig, "sig");
    }
}
