package dev.hallmark.registry.store;

import java.util.Objects;

/** One attestation of a version (npm.md §7): its predicate type and the Sigstore bundle as JSON text. */
public record StoredAttestation(String predicateType, String bundle) {
    public StoredAttestation {
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(bundle, "bundle");
    }
}
