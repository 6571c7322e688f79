package dev.hallmark.server.jetty;

import dev.hallmark.server.http.HttpMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the HTTP host listens and what it tolerates.
 *
 * @param port 0 picks a free port; {@link HttpHost#port()} tells which
 * @param maxConcurrentRequests requests being handled or answered beyond this are refused with 503 and Retry-After
 *     instead of queueing without bound; a permit is held from after the body is read until the response is written
 * @param accessLog receives one line per request; the default sends it to {@link AccessLog#systemLogger()}
 * @param bodyMemoryBytes request body bytes all requests together may hold while being read (503 beyond), see
 *     {@link BodyMemoryBudget}; the shorter constructor takes an eighth of the heap
 * @param bodyReadGrace with {@code minBodyBytesPerSecond}, how slowly a body may arrive before it is cut off with
 *     408, see {@link BodyReadDeadline} (20 s and 500 bytes/s by default)
 */
public record HostOptions(
        String host,
        int port,
        long maxBodyBytes,
        int maxHeaderBytes,
        int maxConcurrentRequests,
        Duration stopTimeout,
        HttpMetrics metrics,
        Consumer<String> accessLog,
        long bodyMemoryBytes,
        Duration bodyReadGrace,
        long minBodyBytesPerSecond) {
    public HostOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(bodyReadGrace, "bodyReadGrace");
        if (port < 0 || port > 65535 || maxBodyBytes < 0 || maxHeaderBytes < 1024 || maxConcurrentRequests < 1
                || bodyMemoryBytes < 1 || bodyReadGrace.isNegative() || bodyReadGrace.isZero()
                || minBodyBytesPerSecond < 1) {
            throw new IllegalArgumentException("invalid host options");
        }
    }

    /** With the default body memory budget (an eighth of the heap) and slow-body cut-off (20 s + 500 bytes/s). */
    public HostOptions(String host, int port, long maxBodyBytes, int maxHeaderBytes, int maxConcurrentRequests,
            Duration stopTimeout, HttpMetrics metrics, Consumer<String> accessLog) {
        this(host, port, maxBodyBytes, maxHeaderBytes, maxConcurrentRequests, stopTimeout, metrics, accessLog,
                BodyMemoryBudget.defaultCapacity(maxBodyBytes), BodyReadDeadline.DEFAULT_GRACE,
                BodyReadDeadline.DEFAULT_MIN_BYTES_PER_SECOND);
    }
}
