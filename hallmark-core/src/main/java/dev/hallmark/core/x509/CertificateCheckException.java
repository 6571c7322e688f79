package dev.hallmark.core.x509;

import java.util.Objects;

/** A certificate path did not validate; {@link #reason()} is the stable code tests and callers switch on. */
public final class CertificateCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a path failed. When several candidate paths fail, the one that got furthest is reported. */
    public enum Reason {
        /** No path from the leaf reaches a trusted CA's chain. */
        NOT_CHAINED_TO_TRUSTED_CA,
        /** An issuer's name matched but its key does not verify the certificate's signature. */
        BAD_SIGNATURE,
        /** An issuing certificate lacks basicConstraints CA:TRUE or, where keyUsage is present, keyCertSign. */
        NOT_A_CA,
        /** A certificate carries a critical extension this validator does not process (RFC 5280 §4.2). */
        UNSUPPORTED_CRITICAL_EXTENSION,
        /** The path exceeds the length limit or a basicConstraints pathLenConstraint. */
        PATH_TOO_LONG,
        /** The CA's trusted-root validity window does not contain the time. */
        CA_NOT_VALID_AT_TIME,
        /** A certificate on the path expired before the time. */
        EXPIRED,
        /** A certificate on the path became valid after the time. */
        NOT_YET_VALID,
        /** The leaf lacks the required extended key usage (codeSigning for Fulcio, timeStamping for a TSA). */
        MISSING_EXTENDED_KEY_USAGE
    }

    private final Reason reason;

    public CertificateCheckException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
