package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The npm registry's policy, the non-URL keys of the {@code registry} section of {@code hallmark.yaml}.
 *
 * @param anonymousReads packuments and tarballs readable without a token (npm's default behaviour)
 * @param openSignup {@code npm adduser} may create accounts
 * @param maxTarballBytes the largest tarball a publish may carry; its base64 must fit {@code limits.maxRequestBodyBytes}
 * @param unpublishWindowHours how long after publishing a version may be unpublished (npm: 72)
 * @param upstream the upstream proxy ({@code registry.upstream}); empty (the default) turns it off
 */
public record RegistryConfig(boolean anonymousReads, boolean openSignup, long maxTarballBytes, int unpublishWindowHours,
                             Optional<UpstreamConfig> upstream) {
    public static final RegistryConfig DEFAULT = new RegistryConfig(true, true, 7L * 1024 * 1024, 72);

    public RegistryConfig {
        Objects.requireNonNull(upstream, "upstream");
    }

    /** A policy without an upstream proxy. */
    public RegistryConfig(boolean anonymousReads, boolean openSignup, long maxTarballBytes, int unpublishWindowHours) {
        this(anonymousReads, openSignup, maxTarballBytes, unpublishWindowHours, Optional.empty());
    }
}
