package dev.hallmark.core.verify;

import java.util.Objects;

/** A bundle failed verification; {@link #reason()} names the check, the message gives the detail. */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Every check the verifier makes, so callers and tests can tell failures apart without reading messages. */
    public enum Reason {
        BUNDLE_MALFORMED,
        TRUST_ROOT_INVALID,
        POLICY_INVALID,
        CERTIFICATE_MALFORMED,
        CERTIFICATE_CHAIN_HAS_ROOT,
        CERTIFICATE_UNTRUSTED,
        CERTIFICATE_NOT_VALID_AT_SIGNING_TIME,
        CERTIFICATE_NOT_FOR_CODE_SIGNING,
        SCT_MISSING,
        SCT_INVALID,
        PUBLIC_KEY_REQUIRED,
        PUBLIC_KEY_MISMATCH,
        PUBLIC_KEY_NOT_VALID_AT_SIGNING_TIME,
        TIMESTAMP_INVALID,
        TIMESTAMP_THRESHOLD_NOT_MET,
        TLOG_UNKNOWN_LOG,
        TLOG_KIND_UNSUPPORTED,
        TLOG_BODY_MALFORMED,
        TLOG_BODY_MISMATCH,
        TLOG_TIME_OUTSIDE_LOG_VALIDITY,
        TLOG_INTEGRATED_TIME_IN_FUTURE,
        SET_INVALID,
        INCLUSION_PROOF_MISSING,
        INCLUSION_PROOF_INVALID,
        CHECKPOINT_INVALID,
        CHECKPOINT_MISMATCH,
        TLOG_THRESHOLD_NOT_MET,
        SIGNATURE_INVALID,
        ARTIFACT_DIGEST_MISMATCH,
        DSSE_PAYLOAD_TYPE_UNSUPPORTED,
        STATEMENT_MALFORMED,
        SUBJECT_MISMATCH,
        IDENTITY_MISMATCH,
        ISSUER_MISMATCH,
        EXTENSION_MISMATCH,
    }

    private final Reason reason;

    public VerificationException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
