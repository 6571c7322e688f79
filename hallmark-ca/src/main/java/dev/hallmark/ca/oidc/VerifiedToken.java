package dev.hallmark.ca.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token whose signature and claims checked out: the configured issuer it came from, its subject, every claim (as
 * the JSON object of the payload), and when it expires. The CA maps the claims to certificate extensions.
 */
public record VerifiedToken(IssuerConfig issuer, String subject, JsonNode claims, Instant expiresAt) {
    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!claims.isObject()) {
            throw new IllegalArgumentException("claims must be a JSON object");
        }
    }

    /** A string claim, if present and a string. */
    public Optional<String> claim(String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /** The issuer as the token names it ({@code iss}), which for a wildcard issuer is the concrete tenant URL. */
    public String issuerUrl() {
        return claim("iss").orElseThrow();
    }
}
