package dev.hallmark.ca.oidc;

import java.util.Objects;
import java.util.Optional;

/**
 * One trusted OIDC issuer, from configuration only (never from a token): its exact URL or an anchored wildcard
 * pattern for multi-tenant issuers (GHES-like {@code https://*.ghe.example/_services/token}), the audience it must
 * issue for, its type (which decides the SAN and extensions, sigstore.md §1.2–1.3) and the claim whose value the
 * client signs as proof of possession (sigstore.md §1.1: {@code sub} for CI issuers, {@code email} for e-mail ones).
 */
public record IssuerConfig(Optional<String> url, Optional<String> wildcardUrl, String audience, IssuerType type,
                           String challengeClaim) {
    public IssuerConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(wildcardUrl, "wildcardUrl");
        if (url.isPresent() == wildcardUrl.isPresent()) {
            throw new IllegalArgumentException("an issuer has exactly one of url and wildcardUrl");
        }
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(challengeClaim, "challengeClaim");
    }

    /** Fulcio's issuer types (config/identity/config.yaml); the type is configuration, not code. */
    public enum IssuerType {
        GITHUB_WORKFLOW("github-workflow"),
        GITLAB_PIPELINE("gitlab-pipeline"),
        EMAIL("email"),
        URI("uri"),
        CI_PROVIDER("ci-provider");

        private final String configName;

        IssuerType(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** The type a configuration names ({@code github-workflow}, …), if there is one. */
        public static Optional<IssuerType> named(String configName) {
            for (IssuerType type : values()) {
                if (type.configName.equals(configName)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }
}
