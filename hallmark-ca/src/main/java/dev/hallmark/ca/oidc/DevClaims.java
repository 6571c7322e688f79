package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.DevIssuerException.Reason.BAD_REQUEST;
import static dev.hallmark.ca.oidc.DevIssuerException.Reason.TOO_LARGE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Reading the claims a developer hands a development issuer: a bounded JSON object of scalars only. Values become
 * strings, as GitHub and GitLab emit every CI claim as a string ({@code "repository_id": "273562379"}). The claims
 * the issuer itself sets ({@code iss}, {@code aud}, times, {@code jti}) cannot be supplied.
 */
final class DevClaims {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_CLAIMS = 128;
    private static final int MAX_NAME_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final Set<String> RESERVED = Set.of("iss", "aud", "exp", "nbf", "iat", "jti");

    private DevClaims() {
    }

    static ObjectNode body(byte[] body) throws DevIssuerException {
        if (body == null || body.length == 0) {
            return OidcJson.MAPPER.createObjectNode();
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new DevIssuerException(TOO_LARGE, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return OidcJson.readObject(body);
        } catch (FormatException e) {
            throw new DevIssuerException(BAD_REQUEST, "request body is not a JSON object");
        }
    }

    /** The claims as strings, validated; {@code null} stands for "none given". */
    static ObjectNode claims(JsonNode given) throws DevIssuerException {
        ObjectNode out = OidcJson.MAPPER.createObjectNode();
        if (given == null) {
            return out;
        }
        if (!given.isObject()) {
            throw new DevIssuerException(BAD_REQUEST, "claims must be a JSON object");
        }
        if (given.size() > MAX_CLAIMS) {
            throw new DevIssuerException(BAD_REQUEST, "more than " + MAX_CLAIMS + " claims");
        }
        for (Map.Entry<String, JsonNode> claim : given.properties()) {
            String name = claim.getKey();
            JsonNode value = claim.getValue();
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || RESERVED.contains(name)) {
                throw new DevIssuerException(BAD_REQUEST, "claim name not allowed: " + name);
            }
            if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw new DevIssuerException(BAD_REQUEST, "claim " + name + " must be a string, number or boolean");
            }
            String text = value.asText();
            if (text.length() > MAX_VALUE_LENGTH) {
                throw new DevIssuerException(BAD_REQUEST, "claim " + name + " is too long");
            }
            out.put(name, text);
        }
        return out;
    }

    /** Sets a claim unless the caller gave one. */
    static void byDefault(ObjectNode claims, String name, String value) {
        if (!claims.has(name)) {
            claims.put(name, value);
        }
    }

    static String text(ObjectNode claims, String name) {
        return claims.get(name).textValue();
    }

    /** A stable 40-hex "commit" for a repository and ref, so repeated dev runs agree. */
    static String fakeSha(String seed) {
        return HashAlgorithm.SHA2_256.digest(seed.getBytes(StandardCharsets.UTF_8)).value().hex().substring(0, 40);
    }

    /** A stable numeric id (8–10 digits) for a name, like GitHub's repository and owner ids. */
    static String fakeId(String seed) {
        byte[] h = HashAlgorithm.SHA2_256.digest(("id:" + seed).getBytes(StandardCharsets.UTF_8)).value().toArray();
        long v = ((h[0] & 0x7fL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
        return Long.toString(10_000_000L + v);
    }
}
