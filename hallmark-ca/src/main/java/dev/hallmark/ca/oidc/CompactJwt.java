package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.MALFORMED;
import static dev.hallmark.ca.oidc.TokenException.Reason.TOO_LARGE;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNSUPPORTED_ALGORITHM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import dev.hallmark.core.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * A compact JWS (RFC 7515 §7.1) split and decoded with every check that needs no key: size first (nothing bigger
 * than {@link #MAX_LENGTH} is decoded), then the algorithm against a fixed allow-list before any key is looked at
 * (RFC 8725 §3.1: so {@code none} and HMAC with a public key as secret can never reach a verifier), then the claims
 * as a strict JSON object.
 */
final class CompactJwt {
    /** Real CI tokens are 1–2 KiB; the issue caps tokens at 64 KiB. */
    static final int MAX_LENGTH = 64 * 1024;

    /** Asymmetric algorithms only (RFC 7518 §3.1, RFC 8037); never {@code none}, never {@code HS*}. */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    private final JWSObject jws;
    private final JWSAlgorithm algorithm;
    private final Optional<String> keyId;
    private final ObjectNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private CompactJwt(JWSObject jws, JWSAlgorithm algorithm, Optional<String> keyId, ObjectNode claims,
                       byte[] signingInput, byte[] signature) {
        this.jws = jws;
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    static CompactJwt parse(String token) throws TokenException {
        if (token == null || token.isEmpty()) {
            throw new TokenException(MALFORMED, "empty token");
        }
        if (token.length() > MAX_LENGTH) {
            throw new TokenException(TOO_LARGE, "token longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url && c != '.') {
                throw new TokenException(MALFORMED, "token is not a compact JWS");
            }
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenException(MALFORMED, "a compact JWS has three parts, this token has " + parts.length);
        }
        ObjectNode header = object(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new TokenException(MALFORMED, "header has no alg");
        }
        JWSAlgorithm algorithm = ALLOWED.stream().filter(a -> a.getName().equals(alg.textValue())).findFirst()
                .orElseThrow(() -> new TokenException(UNSUPPORTED_ALGORITHM, "algorithm not accepted"));
        if (header.has("crit")) {
            // RFC 7515 §4.1.11: we understand no extension, so a critical one must be refused (this covers b64:false)
            throw new TokenException(MALFORMED, "critical header parameters are not supported");
        }
        JsonNode kid = header.get("kid");
        if (kid != null && !kid.isTextual()) {
            throw new TokenException(MALFORMED, "kid is not a string");
        }
        ObjectNode claims = object(parts[1], "claims");
        byte[] signature = decode(parts[2], "signature");
        if (signature.length == 0) {
            throw new TokenException(MALFORMED, "token is unsigned");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (java.text.ParseException | RuntimeException e) {
            throw new TokenException(MALFORMED, "token is not a compact JWS");
        }
        if (!algorithm.equals(jws.getHeader().getAlgorithm())) {
            throw new TokenException(MALFORMED, "header parsed inconsistently");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new CompactJwt(jws, algorithm, Optional.ofNullable(kid).map(JsonNode::textValue), claims,
                signingInput, signature);
    }

    private static ObjectNode object(String part, String what) throws TokenException {
        try {
            return OidcJson.readObject(decode(part, what));
        } catch (FormatException e) {
            throw new TokenException(MALFORMED, what + " is not a JSON object");
        }
    }

    private static byte[] decode(String part, String what) throws TokenException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new TokenException(MALFORMED, what + " is not base64url");
        }
    }

    JWSObject jws() {
        return jws;
    }

    JWSAlgorithm algorithm() {
        return algorithm;
    }

    Optional<String> keyId() {
        return keyId;
    }

    ObjectNode claims() {
        return claims;
    }

    byte[] signingInput() {
        return signingInput.clone();
    }

    byte[] signature() {
        return signature.clone();
    }
}
