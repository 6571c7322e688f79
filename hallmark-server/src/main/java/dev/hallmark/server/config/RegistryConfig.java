package dev.hallmark.server.config;

import java.util.List;
import java.util.Objects;

/**
 * The npm registry's policy, the non-URL keys of the {@code registry} section of {@code hallmark.yaml}.
 *
 * @param anonymousReads packuments and tarballs readable without a token (npm's default behaviour)
 * @param openSignup {@code npm adduser} may create accounts
 * @param maxTarballBytes the largest tarball a publish may carry; its base64 must fit {@code limits.maxRequestBodyBytes}
 * @param unpublishWindowHours how long after publishing a version may be unpublished (npm: 72)
 * @param provenance what provenance a publish must carry ({@code registry.provenance})
 */
public record RegistryConfig(boolean anonymousReads, boolean openSignup, long maxTarballBytes, int unpublishWindowHours,
                             Provenance provenance) {
    public static final RegistryConfig DEFAULT = new RegistryConfig(true, true, 7L * 1024 * 1024, 72, Provenance.DEFAULT);

    public RegistryConfig {
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * {@code registry.provenance}.
     *
     * @param requiredFor package patterns (a name, {@code @scope/*}, {@code *}) that must be published with provenance
     * @param allowedIssuers OIDC issuers accepted in provenance certificates (exact); empty for any the CAs certified
     * @param allowSelfHostedRunners accept builds on self-hosted runners (npmjs does not)
     * @param allowPrivateRepositories accept builds of private repositories (npmjs does not)
     * @param extraTrustedRoots trusted_root.json files (relative to the data directory) accepted besides this
     *     instance's own, e.g. public-good Sigstore's for packages built on github.com
     */
    public record Provenance(List<String> requiredFor, List<String> allowedIssuers, boolean allowSelfHostedRunners,
                             boolean allowPrivateRepositories, List<String> extraTrustedRoots) {
        public static final Provenance DEFAULT = new Provenance(List.of(), List.of(), false, false, List.of());

        public Provenance {
            requiredFor = List.copyOf(requiredFor);
            allowedIssuers = List.copyOf(allowedIssuers);
            extraTrustedRoots = List.copyOf(extraTrustedRoots);
        }
    }
}
