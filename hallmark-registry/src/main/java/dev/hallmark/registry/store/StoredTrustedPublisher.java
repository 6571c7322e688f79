package dev.hallmark.registry.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A trusted publisher of one package (npm.md §11.4).
 *
 * @param type {@code github} or {@code gitlab}
 * @param claims the claim constraints as npm sends them, JSON text
 * @param createdBy the maintainer who configured it; exchanged tokens publish on their behalf
 */
public record StoredTrustedPublisher(String id, String name, String type, String claims, String createdBy,
                                     Instant createdAt) {
    public StoredTrustedPublisher {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
