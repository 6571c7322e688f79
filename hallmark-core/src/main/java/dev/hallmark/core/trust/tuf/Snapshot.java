package dev.hallmark.core.trust.tuf;

import java.time.Instant;
import java.util.Map;

/** Snapshot metadata (TUF §4.4): the version of every targets metadata file, keyed by file name. */
public record Snapshot(String specVersion, long version, Instant expires, Map<String, MetaFile> meta) implements Role {
    public Snapshot {
        RoleChecks.common(specVersion, version, expires);
        meta = Map.copyOf(meta);
    }

    @Override
    public RoleType type() {
        return RoleType.SNAPSHOT;
    }
}
