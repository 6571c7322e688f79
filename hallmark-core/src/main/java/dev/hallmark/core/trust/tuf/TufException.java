package dev.hallmark.core.trust.tuf;

import java.util.Objects;

/**
 * A TUF update step failed (TUF specification §5, "Detailed client workflow"); {@link #reason()} names the check so
 * callers and tests tell failures apart without reading messages. Every failure leaves the client's trusted metadata
 * as it was before the failing step.
 */
public final class TufException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Every check of the client workflow. */
    public enum Reason {
        /** Not TUF metadata of the expected role, or not parseable (also: unsupported spec_version). */
        METADATA_MALFORMED,
        /** Fewer than the role's threshold of its keys signed the canonical form of {@code signed} (§5.3.4, §5.4.2). */
        THRESHOLD_NOT_MET,
        /** A version went backwards, or a targets entry vanished from the snapshot (§5.3.5, §5.4.3, §5.5.5). */
        ROLLBACK,
        /** The version differs from the one the referring metadata names (§5.3.5 N+1, §5.5.4, §5.6.4). */
        VERSION_MISMATCH,
        /** Trusted metadata has expired at the update's fixed start time: a freeze attack or a stale repository. */
        EXPIRED,
        /** A file's length differs from the one the referring metadata names, or exceeds the limit. */
        LENGTH_MISMATCH,
        /** A file's hash differs from the one the referring metadata names (§5.5.2, §5.6.2, §5.7.3). */
        HASH_MISMATCH,
        /** Metadata the workflow needs is absent from the repository or from the referring metadata. */
        METADATA_MISSING,
        /** No top-level target of that name. */
        TARGET_NOT_FOUND,
        /** The repository could not be read (I/O, HTTP status other than 403/404). */
        FETCH_FAILED,
    }

    private final Reason reason;

    public TufException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
