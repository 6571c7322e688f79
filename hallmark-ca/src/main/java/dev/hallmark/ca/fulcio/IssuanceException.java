package dev.hallmark.ca.fulcio;

import java.util.Objects;

/**
 * A certificate was not issued; the reason says whether the client (HTTP 400, gRPC InvalidArgument) or the CA
 * (HTTP 500, gRPC Internal) is at fault, the only two outcomes Fulcio uses (sigstore.md §1.1).
 */
public final class IssuanceException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The request body is not the Fulcio v2 JSON shape. */
        MALFORMED_REQUEST(true),
        /** The identity token was refused by the token verifier. */
        INVALID_TOKEN(true),
        /** The public key does not parse. */
        MALFORMED_KEY(true),
        /** A key type or curve Fulcio does not accept (sigstore.md §1.1 "Key checks"). */
        UNSUPPORTED_KEY(true),
        /** An accepted type, but too weak or unsound (RSA below 2048 bits, exponent other than 65537, …). */
        WEAK_KEY(true),
        /** The CSR does not parse. */
        MALFORMED_CSR(true),
        /** The proof of possession (signature over the challenge claim, or the CSR self-signature) does not verify. */
        INVALID_PROOF_OF_POSSESSION(true),
        /** The token lacks a claim the issuer type's templates need. */
        MISSING_CLAIM(true),
        /** A claim cannot go into a certificate (not a string, not ASCII where an IA5String is needed, too long). */
        INVALID_CLAIM(true),
        /** The CT log did not return a usable SCT. */
        CT_LOG_FAILED(false),
        /** The issued certificate failed the CA's own check (parse, chain, SCT) and was withheld. */
        SELF_CHECK_FAILED(false);

        private final boolean clientError;

        Reason(boolean clientError) {
            this.clientError = clientError;
        }

        /** True when the request was at fault (HTTP 400), false for a CA or CT failure (HTTP 500). */
        public boolean clientError() {
            return clientError;
        }
    }

    private final Reason reason;

    public IssuanceException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public IssuanceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
