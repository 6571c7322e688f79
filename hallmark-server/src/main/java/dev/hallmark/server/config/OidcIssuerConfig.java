package dev.hallmark.server.config;

import java.util.Objects;

/**
 * One OIDC issuer the CA trusts. Issuers come only from configuration and match exactly (DESIGN.md "Security
 * rules"); the type says which claims become certificate extensions.
 */
public record OidcIssuerConfig(IssuerType type, String url, String audience) {
    /** The issuer kinds, named as Fulcio's configuration names them. */
    public enum IssuerType {
        GITHUB_WORKFLOW("github-workflow"),
        GITLAB_PIPELINE("gitlab-pipeline"),
        /** People signing with a verified e-mail address; proof of possession is over the {@code email} claim. */
        EMAIL("email"),
        /** A SAN taken from the token's {@code sub}, e.g. SPIFFE-like workload identities. */
        URI("uri"),
        /** Another CI: GitHub-Actions-style claims, as Fulcio's ci-provider type defaults to. */
        CI_PROVIDER("ci-provider");

        private final String yamlName;

        IssuerType(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        static java.util.Optional<IssuerType> parse(String name) {
            for (IssuerType t : values()) {
                if (t.yamlName.equals(name)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public OidcIssuerConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(audience, "audience");
    }
}
