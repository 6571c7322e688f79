package dev.hallmark.registry.provenance;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the registry demands of provenance on publish ({@code registry.provenance} in hallmark.yaml).
 *
 * @param requiredFor package patterns that may only be published with provenance: a name, a scope such as
 *     {@code @acme/*}, or {@code *}
 * @param allowedIssuers OIDC issuers whose certificates are accepted (exact match); empty: any issuer the trusted CAs
 *     certified
 * @param allowSelfHostedRunners accept certificates whose runner environment is {@code self-hosted} (npmjs refuses them)
 * @param allowPrivateRepositories accept source repositories whose visibility was {@code private} (npmjs refuses them)
 */
public record ProvenancePolicy(List<String> requiredFor, Set<String> allowedIssuers, boolean allowSelfHostedRunners,
                               boolean allowPrivateRepositories) {
    public static final ProvenancePolicy DEFAULT = new ProvenancePolicy(List.of(), Set.of(), false, false);

    public ProvenancePolicy {
        requiredFor = List.copyOf(requiredFor);
        allowedIssuers = Set.copyOf(allowedIssuers);
        for (String pattern : requiredFor) {
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.contains("*") && !pattern.equals("*") && !pattern.matches("@[^/*]+/\\*")) {
                throw new IllegalArgumentException("a pattern is a name, @scope/* or *: " + pattern);
            }
        }
    }

    public boolean requires(String packageName) {
        for (String pattern : requiredFor) {
            if (pattern.equals("*") || pattern.equals(packageName)
                    || (pattern.endsWith("/*") && packageName.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
