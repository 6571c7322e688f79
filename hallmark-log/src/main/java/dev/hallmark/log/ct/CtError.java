package dev.hallmark.log.ct;

import dev.hallmark.log.LogOverloadedException;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.api.LogApiResponse;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A CT request that ends in an error response; {@link #response} is the one place these become responses. RFC 6962
 * §4 names only 400 for bad input; the body is the JSON {@code {"code", "message"}} the other personalities use, with
 * a message for the client and never internal exception text (STYLE, Errors).
 */
final class CtError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Map<String, String> headers;

    CtError(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    CtError(int status, String message) {
        this(status, message, Map.of());
    }

    static CtError badRequest(String message) {
        return new CtError(400, message);
    }

    static CtError storage() {
        return new CtError(500, "unexpected error in the certificate transparency log");
    }

    LogApiResponse response() {
        return LogApiResponse.error(status, getMessage(), headers);
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime()}) for a step of an append. Overload and timeouts
     * become 503 with Retry-After (a timed-out entry may still be logged; the CA then simply submits again and gets a
     * fresh SCT), an entry too large for the engine 400, a storage failure 500.
     */
    static <T> T await(CompletableFuture<T> future, long deadlineNanos) throws CtError {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            throw new CtError(503, "timed out waiting for the entry to be logged", Map.of("Retry-After", "1"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtError(503, "interrupted while waiting for the entry to be logged", Map.of("Retry-After", "1"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LogOverloadedException o) {
                long seconds = Math.max(1, (o.retryAfter().toMillis() + 999) / 1000);
                throw new CtError(503, "the log is overloaded, retry later", Map.of("Retry-After", Long.toString(seconds)));
            }
            if (cause instanceof IllegalArgumentException) {
                throw badRequest("the certificate is too large to log");
            }
            if (cause instanceof LogStorageException) {
                throw storage();
            }
            throw new CtError(500, "unexpected error in the certificate transparency log");
        }
    }
}
