package dev.hallmark.server.jetty;

import dev.hallmark.server.http.HttpMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the HTTP host listens and what it tolerates.
 *
 * @param port 0 picks a free port; {@link HttpHost#port()} tells which
 * @param maxConcurrentRequests requests in flight beyond this are answered 503 with Retry-After instead of queueing
 *     without bound (each may hold a body of {@code maxBodyBytes} in memory)
 * @param accessLog receives one line per request; the default sends it to {@link AccessLog#systemLogger()}
 */
public record HostOptions(
        String host,
        int port,
        long maxBodyBytes,
        int maxHeaderBytes,
        int maxConcurrentRequests,
        Duration stopTimeout,
        HttpMetrics metrics,
        Consumer<String> accessLog) {
    public HostOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(accessLog, "accessLog");
        if (port < 0 || port > 65535 || maxBodyBytes < 0 || maxHeaderBytes < 1024 || maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("invalid host options");
        }
    }
}
