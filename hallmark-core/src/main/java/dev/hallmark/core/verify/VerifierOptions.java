package dev.hallmark.core.verify;

import java.time.Duration;

/**
 * How much evidence a bundle must carry (sigstore.md §8 inputs). The defaults are those of sigstore-js, sigstore-go
 * and sigstore-java: one log entry, one SCT, one trusted timestamp.
 *
 * @param tlogThreshold     log entries that must verify
 * @param ctlogThreshold    embedded SCTs that must verify, for certificate-signed bundles
 * @param timestampThreshold trusted times (verified SETs plus RFC 3161 timestamps) that must exist
 * @param clockSkew         how far in the future an integrated time or timestamp may lie
 */
public record VerifierOptions(int tlogThreshold, int ctlogThreshold, int timestampThreshold, Duration clockSkew) {
    public VerifierOptions {
        if (tlogThreshold < 0 || ctlogThreshold < 0 || timestampThreshold < 0) {
            throw new IllegalArgumentException("thresholds cannot be negative");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew cannot be negative");
        }
    }

    public static VerifierOptions defaults() {
        return new VerifierOptions(1, 1, 1, Duration.ofMinutes(1));
    }

    public VerifierOptions withTlogThreshold(int n) {
        return new VerifierOptions(n, ctlogThreshold, timestampThreshold, clockSkew);
    }

    /** Turning SCT checks off accepts certificates no CT log has seen; named so that it reads as a risk. */
    public VerifierOptions withoutSctsUnsafe() {
        return new VerifierOptions(tlogThreshold, 0, timestampThreshold, clockSkew);
    }

    public VerifierOptions withTimestampThreshold(int n) {
        return new VerifierOptions(tlogThreshold, ctlogThreshold, n, clockSkew);
    }
}
