package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code registry.upstream} in {@code hallmark.yaml}: the upstream registry that names with no local package are read
 * through from (off when the section is absent). Operator configuration only; no request chooses where to fetch.
 *
 * @param url the upstream's base URL, http(s)
 * @param timeoutMillis the deadline of one whole exchange with the upstream, body included
 * @param maxPackumentBytes the largest upstream packument accepted
 * @param maxTarballBytes the largest upstream tarball accepted
 * @param tokenFile a file holding a bearer token for the upstream (relative paths are in the data directory); the
 *     token itself never appears in the configuration or in logs
 * @param packumentTtlSeconds how long a cached packument is served before it is revalidated (If-None-Match); when
 *     the upstream is down the cached copy is served regardless
 */
public record UpstreamConfig(String url, int timeoutMillis, long maxPackumentBytes, long maxTarballBytes,
                             Optional<String> tokenFile, long packumentTtlSeconds) {
    public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_MAX_PACKUMENT_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_MAX_TARBALL_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_PACKUMENT_TTL_SECONDS = 300;

    public UpstreamConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** An upstream at {@code url} with every other setting at its default. */
    public static UpstreamConfig at(String url) {
        return new UpstreamConfig(url, DEFAULT_TIMEOUT_MILLIS, DEFAULT_MAX_PACKUMENT_BYTES, DEFAULT_MAX_TARBALL_BYTES,
                Optional.empty(), DEFAULT_PACKUMENT_TTL_SECONDS);
    }
}
