package dev.hallmark.log;

import java.time.Duration;

/** The sequencer's queue is full: the caller should retry after {@link #retryAfter()} (HTTP 503 with Retry-After). */
public final class LogOverloadedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public LogOverloadedException(Duration retryAfter) {
        super("log is overloaded; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
