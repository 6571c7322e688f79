package dev.hallmark.registry.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A CI job's identity, from an OIDC token that was verified (signature, configured issuer, audience
 * {@code npm:<registry host>}, times) before it got here.
 *
 * @param provider {@code github} or {@code gitlab}, from the issuer's configured type
 */
public record CiIdentity(String provider, String issuer, JsonNode claims) {
    public CiIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(claims, "claims");
    }

    public Optional<String> claim(String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
