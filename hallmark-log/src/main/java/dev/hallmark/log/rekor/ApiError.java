package dev.hallmark.log.rekor;

import dev.hallmark.log.LogOverloadedException;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.api.LogApiResponse;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request that ends in an error response. Every failure of the personalities becomes one of these, and they become
 * responses in one place per API ({@link #toV1Response}, {@link #toV2Response}); the message is the client's, internal
 * details (storage errors, stack traces) never reach it (STYLE, Errors).
 */
final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Map<String, String> headers;

    ApiError(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    ApiError(int status, String message) {
        this(status, message, Map.of());
    }

    int status() {
        return status;
    }

    static ApiError rejected(EntryRejectedException e) {
        return new ApiError(400, "error processing entry: " + e.getMessage());
    }

    static ApiError storage() {
        return new ApiError(500, "unexpected error communicating with transparency log");
    }

    /** Rekor v1: {@code {"code": <HTTP status>, "message": ...}}. */
    LogApiResponse toV1Response() {
        return LogApiResponse.error(status, getMessage(), headers);
    }

    /** Rekor v2 answers through grpc-gateway: {@code code} is the gRPC status code the HTTP status maps from. */
    LogApiResponse toV2Response() {
        int code = switch (status) {
            case 400, 413, 422 -> 3; // INVALID_ARGUMENT
            case 404 -> 5; // NOT_FOUND
            case 409 -> 6; // ALREADY_EXISTS
            case 503 -> 14; // UNAVAILABLE
            default -> 13; // INTERNAL
        };
        return LogApiResponse.grpcError(status, code, getMessage(), headers);
    }

    /**
     * Waits for one step of an append (durable index, covering checkpoint) until {@code deadlineNanos} (a
     * {@link System#nanoTime()} value). Overload becomes 503 with Retry-After, a timeout 503 (the entry may still be
     * logged; a retry then answers 409 with its location), a storage failure 500.
     */
    static <T> T await(CompletableFuture<T> future, long deadlineNanos, String what) throws ApiError {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false); // lets the log forget this waiter
            throw new ApiError(503, "timed out waiting for " + what, Map.of("Retry-After", "1"));
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted while waiting for " + what, Map.of("Retry-After", "1"));
        } catch (CancellationException e) {
            throw new ApiError(503, "gave up waiting for " + what, Map.of("Retry-After", "1"));
        } catch (ExecutionException e) {
            throw fromFailure(e.getCause());
        }
    }

    static ApiError fromFailure(Throwable cause) {
        if (cause instanceof LogOverloadedException o) {
            long seconds = Math.max(1, (o.retryAfter().toMillis() + 999) / 1000);
            return new ApiError(503, "the log is overloaded, retry later", Map.of("Retry-After", Long.toString(seconds)));
        }
        if (cause instanceof LogStorageException) {
            return storage();
        }
        return new ApiError(500, "unexpected error in the transparency log");
    }
}
