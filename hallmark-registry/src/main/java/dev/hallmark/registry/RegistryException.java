package dev.hallmark.registry;

import java.util.Objects;

/**
 * Why the registry refused a request: a stable reason (tests assert it) with the HTTP status npm expects for it, and a
 * message written for the npm user, who sees it as {@code <status> <text> - <METHOD> <url> - <message>} (npm.md §1).
 */
public final class RegistryException extends Exception {
    /** Each refusal the registry makes, with its status. */
    public enum Reason {
        INVALID_REQUEST(400),
        INVALID_NAME(400),
        INVALID_VERSION(400),
        INVALID_TAG(400),
        INVALID_TARBALL(400),
        INTEGRITY_MISMATCH(400),
        MANIFEST_MISMATCH(400),
        AUTHENTICATION_REQUIRED(401),
        BAD_CREDENTIALS(401),
        READ_ONLY_TOKEN(403),
        NOT_PERMITTED(403),
        VERSION_EXISTS(403),
        UNPUBLISH_REFUSED(403),
        SIGNUP_CLOSED(403),
        NOT_FOUND(404),
        CONFLICT(409),
        TOO_LARGE(413),
        PROVENANCE_INVALID(422),
        /** The log did not take the publish attestation; nothing was stored, the client may retry. */
        ATTESTATION_FAILED(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return reason.status();
    }
}
