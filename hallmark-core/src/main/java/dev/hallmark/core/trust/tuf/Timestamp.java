package dev.hallmark.core.trust.tuf;

import java.time.Instant;
import java.util.Objects;

/** Timestamp metadata (TUF §4.6): the current snapshot's version (and optionally length and hashes). */
public record Timestamp(String specVersion, long version, Instant expires, MetaFile snapshot) implements Role {
    public Timestamp {
        RoleChecks.common(specVersion, version, expires);
        Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public RoleType type() {
        return RoleType.TIMESTAMP;
    }
}
