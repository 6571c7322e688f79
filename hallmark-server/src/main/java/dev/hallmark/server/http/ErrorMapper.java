package dev.hallmark.server.http;

import dev.hallmark.core.FormatException;
import dev.hallmark.log.LogOverloadedException;
import java.time.Duration;

/**
 * The one place where exceptions become HTTP responses (STYLE.md "Errors"). Clients get a status and a short JSON
 * message; internal messages and stack traces stay in the server log.
 */
public final class ErrorMapper {
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    private ErrorMapper() {
    }

    public static Response toResponse(Throwable failure) {
        return switch (failure) {
            case HttpError e -> withRetryAfter(Response.error(e.status(), e.getMessage()), e.retryAfter().orElse(null));
            // Parsers throw only FormatException, and what routes parse is the client's input.
            case FormatException e -> Response.error(400, "malformed request: " + e.getMessage());
            case LogOverloadedException e -> withRetryAfter(Response.error(503, "log overloaded, retry later"), e.retryAfter());
            default -> {
                LOG.log(System.Logger.Level.ERROR, "internal error while handling a request", failure);
                yield Response.error(500, "internal error");
            }
        };
    }

    private static Response withRetryAfter(Response response, Duration retryAfter) {
        if (retryAfter == null) {
            return response;
        }
        // Retry-After is whole seconds (RFC 9110 §10.2.3); never 0, which invites a tight retry loop.
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return response.withHeader("retry-after", Long.toString(seconds));
    }
}
