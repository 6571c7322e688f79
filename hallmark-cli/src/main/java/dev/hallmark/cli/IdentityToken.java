package dev.hallmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;

/**
 * An OIDC identity token as a signer holds it. The payload is decoded without verifying the signature — the CA
 * verifies the token — only to pick the claim the proof of possession signs (sigstore.md §1.1: {@code email} for
 * e-mail issuers, which must then be verified, otherwise {@code sub}, as sigstore-js does).
 */
public record IdentityToken(String jwt, String issuer, String challenge) {
    static final int MAX_CHARS = 64 * 1024;

    public IdentityToken {
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(challenge, "challenge");
    }

    /** A malformed token fails like a refused one: the signing cannot proceed with it (exit status 1). */
    public static IdentityToken parse(String jwt) {
        String token = jwt.strip();
        if (token.length() > MAX_CHARS) {
            throw CliException.failed("the identity token is longer than " + MAX_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            throw CliException.failed("the identity token is not a JWT (header.payload.signature)");
        }
        JsonNode claims;
        try {
            claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | IOException e) {
            throw CliException.failed("the identity token's payload is not base64url JSON");
        }
        if (claims == null || !claims.isObject()) {
            throw CliException.failed("the identity token's payload is not a JSON object");
        }
        String issuer = text(claims, "iss");
        if (issuer == null) {
            throw CliException.failed("the identity token has no iss claim");
        }
        String email = text(claims, "email");
        if (email != null) {
            if (!claims.path("email_verified").asBoolean(false)) {
                throw CliException.failed("the identity token's email is not verified by its issuer (email_verified)");
            }
            return new IdentityToken(token, issuer, email);
        }
        String subject = text(claims, "sub");
        if (subject == null) {
            throw CliException.failed("the identity token has neither a sub nor an email claim");
        }
        return new IdentityToken(token, issuer, subject);
    }

    private static String text(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }

    @Override
    public String toString() {
        return "IdentityToken[issuer=" + issuer + "]"; // never print the token itself
    }
}
