package dev.hallmark.registry.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The upstream registry this one reads through to, from hallmark.yaml {@code registry.upstream}. Operator
 * configuration only: no client request ever chooses where the registry fetches from.
 *
 * @param url the upstream's base URL (http or https, no query, fragment or user info), without a trailing slash
 * @param timeout the deadline for one whole exchange, connection to last body byte
 * @param maxPackumentBytes the largest packument accepted (npmjs's largest are tens of MiB)
 * @param maxTarballBytes the largest tarball accepted
 * @param packumentTtl how long a cached packument is served before it is revalidated with If-None-Match
 */
public record UpstreamOptions(URI url, Duration timeout, long maxPackumentBytes, long maxTarballBytes,
                              Optional<UpstreamToken> token, Duration packumentTtl) {
    /** Bodies are held in memory as arrays. */
    public static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 16;

    public UpstreamOptions {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null || url.isOpaque()) {
            throw new IllegalArgumentException("the upstream URL must be http(s) with a host and no query, fragment"
                    + " or user info");
        }
        String raw = url.toString();
        if (raw.endsWith("/")) {
            url = URI.create(raw.replaceAll("/+$", ""));
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the upstream timeout must be positive");
        }
        if (maxPackumentBytes < 1 || maxPackumentBytes > MAX_BODY_BYTES || maxTarballBytes < 1
                || maxTarballBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("upstream size limits must be 1.." + MAX_BODY_BYTES);
        }
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(packumentTtl, "packumentTtl");
        if (packumentTtl.isNegative()) {
            throw new IllegalArgumentException("the packument TTL must not be negative");
        }
    }

    public static UpstreamOptions defaults(URI url) {
        return new UpstreamOptions(url, Duration.ofSeconds(30), 64L * 1024 * 1024, 64L * 1024 * 1024,
                Optional.empty(), Duration.ofMinutes(5));
    }
}
