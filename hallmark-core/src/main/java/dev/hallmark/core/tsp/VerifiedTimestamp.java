package dev.hallmark.core.tsp;

import java.time.Instant;
import java.util.Objects;

/** The evidence of an accepted timestamp: the trusted time, who vouched for it, and the token itself. */
public record VerifiedTimestamp(Instant genTime, TimestampAuthority authority, TimestampToken token) {
    public VerifiedTimestamp {
        Objects.requireNonNull(genTime, "genTime");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(token, "token");
    }
}
