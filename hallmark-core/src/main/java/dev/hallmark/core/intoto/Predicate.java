package dev.hallmark.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;

/**
 * The predicates Hallmark reads, by {@code predicateType}: SLSA provenance v0.2 and v1 (npm.md §10) and the npm publish
 * attestation (npm.md §7.2). Anything else is {@link Other} and left as JSON.
 */
public sealed interface Predicate permits SlsaProvenanceV02, SlsaProvenanceV1, NpmPublishPredicate, Predicate.Other {
    String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";
    String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
    String NPM_PUBLISH_V01 = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

    /** Reads the statement's predicate according to its type; a known type with a malformed body is a format error. */
    static Predicate of(Statement statement) throws FormatException {
        JsonNode p = statement.predicate();
        try {
            return switch (statement.predicateType()) {
                case SLSA_PROVENANCE_V02 -> SlsaProvenanceV02.parse(p);
                case SLSA_PROVENANCE_V1 -> SlsaProvenanceV1.parse(p);
                case NPM_PUBLISH_V01 -> NpmPublishPredicate.parse(p);
                default -> new Other(statement.predicateType(), p);
            };
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid " + statement.predicateType() + " predicate", e);
        }
    }

    /** A predicate of a type Hallmark does not interpret. */
    record Other(String predicateType, JsonNode json) implements Predicate {
        public Other {
            json = json.deepCopy();
        }

        @Override
        public JsonNode json() {
            return json.deepCopy();
        }
    }
}
