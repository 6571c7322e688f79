package dev.hallmark.core.tsp;

import java.util.Objects;

/** A timestamp did not verify; {@link #reason()} is the stable code callers and tests switch on. */
public final class TimestampException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a timestamp failed. Declared from least to most specific: with several candidate TSAs the most specific wins. */
    public enum Reason {
        /** The response or token does not parse, was not granted, or its imprint does not fit its hash algorithm. */
        MALFORMED,
        /** The token stamps other bytes than the given signature. */
        IMPRINT_MISMATCH,
        /** No trusted TSA's signing certificate matches the token's signer (identifier or ESSCertID hash). */
        UNTRUSTED_TSA,
        /** The CMS signature does not verify with the TSA's key. */
        BAD_SIGNATURE,
        /** The trusted TSA chain itself is unusable (broken link, non-CA issuer, unknown critical extension). */
        INVALID_TSA_CHAIN,
        /** The signing certificate lacks the timeStamping extended key usage (RFC 3161 §2.3). */
        MISSING_TIMESTAMPING_EKU,
        /** genTime lies outside the TSA's validFor in the trusted root. */
        OUTSIDE_TSA_VALIDITY,
        /** A certificate of the TSA chain was not valid at genTime. */
        CERT_NOT_VALID_AT_GENTIME
    }

    private final Reason reason;

    public TimestampException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
