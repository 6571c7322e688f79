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
        GITLAB_PIPELINE("gitlab-pipeline");

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
