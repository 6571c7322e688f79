package dev.hallmark.core.trust.tuf;

import java.time.Instant;

/** The {@code signed} part of one top-level TUF metadata file (TUF specification §4.3–§4.6). */
public sealed interface Role permits Root, Targets, Snapshot, Timestamp {
    /** The spec version we write; clients accept any 1.x (TUF §4.2 "spec_version"). */
    String SPEC_VERSION = "1.0";

    RoleType type();

    String specVersion();

    long version();

    Instant expires();

    /** TUF §5.4.5 and friends: metadata is expired unless its expiry lies strictly after {@code now}. */
    default boolean isExpired(Instant now) {
        return !expires().isAfter(now);
    }
}
