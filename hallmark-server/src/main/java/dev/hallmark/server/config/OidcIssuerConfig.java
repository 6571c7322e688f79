package dev.hallmark.server.config;

import dev.hallmark.ca.fulcio.ClaimMapping;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import java.util.Objects;
import java.util.Optional;

/**
 * One OIDC issuer the CA trusts. Issuers come only from configuration (DESIGN.md "Security rules"), by exact URL or
 * by an anchored wildcard for multi-tenant issuers; the type says which claims become certificate extensions, and an
 * optional claim mapping (Fulcio's {@code ci-issuer-metadata} shape) replaces or adjusts the type's mapping.
 */
public record OidcIssuerConfig(IssuerType type, IssuerUrl url, String audience, Optional<ClaimMapping> claimMapping) {
    public OidcIssuerConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(claimMapping, "claimMapping");
    }

    /** An issuer matched by its exact URL, with its type's claim mapping. */
    public static OidcIssuerConfig exact(IssuerType type, String url, String audience) {
        return new OidcIssuerConfig(type, new IssuerUrl.Exact(url), audience, Optional.empty());
    }

    /** How tokens' {@code iss} is matched: one of hallmark.yaml's {@code url} and {@code wildcardUrl}. */
    public sealed interface IssuerUrl {
        /** The URL or pattern as written. */
        String text();

        /** The hallmark.yaml key it is written under. */
        String key();

        /** {@code iss} must equal the URL, character for character. */
        record Exact(String text) implements IssuerUrl {
            public Exact {
                Objects.requireNonNull(text, "text");
            }

            @Override
            public String key() {
                return "url";
            }
        }

        /**
         * Fulcio's meta issuer: each {@code *} stands for one host label or path segment of {@code [A-Za-z0-9_-]},
         * the rest must match exactly (GHES-like {@code https://*.ghe.example/_services/token}).
         */
        record Wildcard(String text) implements IssuerUrl {
            public Wildcard {
                Objects.requireNonNull(text, "text");
            }

            @Override
            public String key() {
                return "wildcardUrl";
            }
        }
    }
}
