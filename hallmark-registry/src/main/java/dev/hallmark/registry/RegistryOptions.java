package dev.hallmark.registry;

import dev.hallmark.registry.pkg.TarballLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the registry behaves; from {@code hallmark.yaml}.
 *
 * @param publicUrl the registry's public base URL, without a trailing slash: {@code dist.tarball} URLs start with it
 * @param anonymousReads whether packuments and tarballs may be read without a token
 * @param openSignup whether {@code npm adduser} may create accounts
 * @param unpublishWindow how long after publishing a version may be unpublished (npm's policy: 72 hours)
 * @param republishWait how long a name unpublished as a whole stays blocked (npm's policy: 24 hours)
 */
public record RegistryOptions(
        URI publicUrl,
        boolean anonymousReads,
        boolean openSignup,
        TarballLimits tarballLimits,
        Duration unpublishWindow,
        Duration republishWait) {
    public RegistryOptions {
        Objects.requireNonNull(publicUrl, "publicUrl");
        if (publicUrl.toString().endsWith("/")) {
            throw new IllegalArgumentException("publicUrl without a trailing slash: " + publicUrl);
        }
        Objects.requireNonNull(tarballLimits, "tarballLimits");
        Objects.requireNonNull(unpublishWindow, "unpublishWindow");
        Objects.requireNonNull(republishWait, "republishWait");
    }

    public static RegistryOptions defaults(URI publicUrl) {
        return new RegistryOptions(publicUrl, true, true, TarballLimits.defaults(), Duration.ofHours(72),
                Duration.ofHours(24));
    }
}
