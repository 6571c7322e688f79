package dev.hallmark.ca.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** GitHub-shaped claims that pass every check of a GitHub-workflow issuer with audience {@code sigstore}. */
final class TestTokens {
    private TestTokens() {
    }

    static ObjectNode valid(String iss, Instant now) {
        ObjectNode claims = DevGithubIssuer.withDefaults(OidcJson.MAPPER.createObjectNode());
        claims.put("iss", iss);
        claims.put("aud", "sigstore");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
        return claims;
    }
}
