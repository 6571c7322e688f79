package dev.hallmark.server.config;

/**
 * The npm registry's policy, the non-URL keys of the {@code registry} section of {@code hallmark.yaml}.
 *
 * @param anonymousReads packuments and tarballs readable without a token (npm's default behaviour)
 * @param openSignup {@code npm adduser} may create accounts
 * @param maxTarballBytes the largest tarball a publish may carry; its base64 must fit {@code limits.maxRequestBodyBytes}
 * @param unpublishWindowHours how long after publishing a version may be unpublished (npm: 72)
 */
public record RegistryConfig(boolean anonymousReads, boolean openSignup, long maxTarballBytes, int unpublishWindowHours) {
    public static final RegistryConfig DEFAULT = new RegistryConfig(true, true, 7L * 1024 * 1024, 72);
}
