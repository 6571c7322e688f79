package dev.hallmark.ca.oidc;

import java.util.Objects;

/** A development issuer refused a request; the server maps the reason to an HTTP status (400, 413, 401, 503). */
public final class DevIssuerException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The body is not the documented JSON, or a claim is not a string, number or boolean (400). */
        BAD_REQUEST,
        /** The body exceeds the size limit (413). */
        TOO_LARGE,
        /** The job token is unknown or expired (401, as GitHub answers). */
        UNAUTHORIZED,
        /** Too many live jobs (503). */
        OVERLOADED,
    }

    private final Reason reason;

    public DevIssuerException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
