package dev.hallmark.registry.provenance;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.verify.VerificationResult;
import java.util.Objects;

/**
 * A provenance bundle that passed every check on publish, kept with the evidence: the bundle as the client sent it
 * (served back from the attestations endpoint), its statement's predicate type, and what the verifier established.
 */
public record VerifiedProvenance(Bytes bundle, String predicateType, VerificationResult result) {
    public VerifiedProvenance {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(result, "result");
    }
}
