package dev.hallmark.registry.upstream;

import java.net.URI;
import java.util.Objects;

/**
 * One version of a proxied package that this registry can serve: its tarball's file name here, what its bytes must
 * hash to, and where under the upstream's base URL they are fetched from.
 *
 * @param file the tarball file name in this registry's URL, {@code <unscoped name>-<version>.tgz}
 * @param source the upstream URL of the tarball, always under the configured base URL
 */
public record UpstreamVersion(String version, String file, DistDigest expected, URI source) {
    public UpstreamVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(source, "source");
    }
}
