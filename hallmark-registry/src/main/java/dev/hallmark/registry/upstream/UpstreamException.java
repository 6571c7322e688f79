package dev.hallmark.registry.upstream;

import java.util.Objects;

/**
 * The upstream registry could not give what was asked, or gave something this registry refuses; or a publish was
 * refused because the name belongs upstream. Each reason carries the HTTP status the npm client sees.
 */
public final class UpstreamException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No connection, a reset, or an I/O failure mid-body. */
        UNREACHABLE(502),
        /** The whole exchange did not finish within the configured timeout. */
        TIMEOUT(504),
        /** A status other than 200, 304 or 404, or a redirect that leaves the configured base URL. */
        BAD_STATUS(502),
        /** The body is larger than the configured limit (refused while streaming). */
        TOO_LARGE(502),
        /** The packument is not JSON, or describes another package. */
        MALFORMED(502),
        /** The tarball's bytes do not match its version's {@code dist.integrity} / {@code dist.shasum}. */
        INTEGRITY_MISMATCH(502),
        /** A first publish of a name the upstream already has (it would shadow the upstream package). */
        NAME_EXISTS_UPSTREAM(409);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public UpstreamException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return reason.status();
    }
}
