package dev.hallmark.server.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure a route reports with a chosen status and a message that is safe to show the client. Routes throw it for
 * client errors their domain module signalled with a typed reason; anything else they throw is an internal error.
 */
public final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Optional<Duration> retryAfter;

    public HttpError(int status, String clientMessage, Optional<Duration> retryAfter) {
        super(Objects.requireNonNull(clientMessage), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message, Optional.empty());
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message, Optional.empty());
    }

    public static HttpError payloadTooLarge() {
        return new HttpError(413, "request body too large", Optional.empty());
    }

    /** Per-client throttling (RFC 6585 §4). */
    public static HttpError tooManyRequests(Duration retryAfter) {
        return new HttpError(429, "too many requests", Optional.of(retryAfter));
    }

    /** The server as a whole is overloaded (RFC 9110 §15.6.4); clients retry after the given delay. */
    public static HttpError unavailable(Duration retryAfter) {
        return new HttpError(503, "service overloaded, retry later", Optional.of(retryAfter));
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
