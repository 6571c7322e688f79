package dev.hallmark.ca.oidc;

import java.util.Objects;

/** An identity token was refused; the reason names the check (tests assert it, clients get a 400 with the text). */
public final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        MALFORMED,
        TOO_LARGE,
        UNKNOWN_ISSUER,
        UNSUPPORTED_ALGORITHM,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        WRONG_AUDIENCE,
        EXPIRED,
        NOT_YET_VALID,
        ISSUED_IN_FUTURE,
        MISSING_CLAIM,
        EMAIL_NOT_VERIFIED,
        ISSUER_UNREACHABLE,
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
