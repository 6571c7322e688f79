package dev.hallmark.server.config;

import java.util.List;

/** The OIDC issuers the CA accepts identity tokens from; none by default (the dev issuers come with {@code --dev}). */
public record OidcConfig(List<OidcIssuerConfig> issuers) {
    public static final OidcConfig DEFAULT = new OidcConfig(List.of());

    public OidcConfig {
        issuers = List.copyOf(issuers);
    }
}
