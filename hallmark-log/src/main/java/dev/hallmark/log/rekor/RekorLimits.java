package dev.hallmark.log.rekor;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the Rekor personalities. The server enforces its own body limit first; these hold for any caller.
 *
 * @param maxRequestBytes largest request body accepted (413 above it); a proposed entry holds at most a DSSE envelope
 *     with its payload, a few tens of kilobytes for npm provenance
 * @param commitTimeout how long a write waits for its index to be durable and then for a checkpoint that covers it
 *     (503 after it); Rekor v2 clients wait at least 20 s (sigstore.md §4.1)
 * @param maxSearchQueries most UUIDs, indexes and entries one {@code /api/v1/log/entries/retrieve} may ask for
 *     (Rekor's {@code maxSearchQueries}; 422 above it)
 */
public record RekorLimits(int maxRequestBytes, Duration commitTimeout, int maxSearchQueries) {
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    public RekorLimits {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes below 1 KiB");
        }
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        if (commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new IllegalArgumentException("commitTimeout must be positive");
        }
        if (maxSearchQueries < 1) {
            throw new IllegalArgumentException("maxSearchQueries must be positive");
        }
    }

    public static RekorLimits defaults() {
        return new RekorLimits(DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(20), 10);
    }

    public RekorLimits withCommitTimeout(Duration timeout) {
        return new RekorLimits(maxRequestBytes, timeout, maxSearchQueries);
    }
}
