package dev.hallmark.log.ct;

import java.util.Objects;

/** A submitted chain the CT log refuses (RFC 6962 §4.1: 400 Bad Request), with a stable reason for tests and metrics. */
public final class ChainRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not JSON, no {@code chain} array, an element not base64, or a certificate that does not parse. */
        MALFORMED,
        /** No certificates, too many, or a precertificate without an issuer. */
        BAD_CHAIN_LENGTH,
        /** A certificate is not signed by the next one, or names another issuer. */
        BAD_SIGNATURE,
        /** A certificate that issues another is not a CA (basicConstraints cA). */
        NOT_A_CA,
        /** The chain neither ends at nor is issued by one of the log's accepted roots. */
        UNKNOWN_ROOT,
        /** {@code add-pre-chain} with a certificate that has no poison extension. */
        MISSING_POISON,
        /** The poison extension is present but not critical or not ASN.1 NULL (RFC 6962 §3.1). */
        MALFORMED_POISON,
        /** {@code add-chain} with a precertificate. */
        UNEXPECTED_POISON,
        /** The precertificate is issued by a precertificate-signing certificate, which this log does not support. */
        PRECERT_SIGNING_CERTIFICATE
    }

    private final Reason reason;

    public ChainRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
