package dev.hallmark.ca.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * The signing half of a development issuer: one key, published as a JWKS with its RFC 7638 thumbprint as
 * {@code kid}, an OIDC discovery document (OpenID Connect Discovery 1.0 §3) pointing at it, and compact JWS
 * (RFC 7515) tokens signed through the key-management {@link Signer}. ES256 (P-256) is what the development
 * issuers use by default; ES384, EdDSA and RS256 signers work too. Public so that tests outside this module (the
 * server's HTTP tests) mint tokens the way the development issuers do, with the same checks.
 */
public final class JwtMinter {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Signer signer;
    private final String issuer;
    private final JWSAlgorithm algorithm;
    private final JWK publicJwk;

    public JwtMinter(Signer signer, String issuer) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (issuer.endsWith("/")) {
            throw new IllegalArgumentException("issuer URL must not end with '/': " + issuer);
        }
        IssuerPattern.checkTransport(issuer);
        this.algorithm = switch (signer.algorithm()) {
            case ECDSA_P256_SHA256 -> JWSAlgorithm.ES256;
            case ECDSA_P384_SHA384 -> JWSAlgorithm.ES384;
            case ED25519 -> JWSAlgorithm.EdDSA;
            case RSA_PKCS1V15_SHA256 -> JWSAlgorithm.RS256;
            default -> throw new IllegalArgumentException("no JWS algorithm for " + signer.algorithm());
        };
        this.publicJwk = jwk(signer, algorithm);
    }

    private static JWK jwk(Signer signer, JWSAlgorithm alg) {
        JWK bare = switch (signer.publicKey()) {
            case ECPublicKey ec -> new ECKey.Builder(alg.equals(JWSAlgorithm.ES256) ? Curve.P_256 : Curve.P_384, ec)
                    .build();
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            default -> {
                byte[] spki = Keys.spki(signer.publicKey()).toArray();
                byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                yield new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build();
            }
        };
        try {
            String kid = bare.computeThumbprint().toString();
            return switch (bare) {
                case ECKey ec -> new ECKey.Builder(ec).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
                case RSAKey rsa -> new RSAKey.Builder(rsa).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
                case OctetKeyPair okp -> new OctetKeyPair.Builder(okp).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(alg).build();
                default -> throw new IllegalStateException();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key thumbprint", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return issuer + "/.well-known/jwks";
    }

    public String keyId() {
        return publicJwk.getKeyID();
    }

    /** OpenID Connect Discovery 1.0 §3: what a relying party needs to verify our tokens. */
    public String discovery(String... claimsSupported) {
        ObjectNode doc = OidcJson.MAPPER.createObjectNode();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", jwksUrl());
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("response_types_supported").add("id_token");
        doc.putArray("claims_supported").addAll(java.util.Arrays.stream(claimsSupported)
                .map(OidcJson.MAPPER.getNodeFactory()::textNode).toList());
        doc.putArray("id_token_signing_alg_values_supported").add(algorithm.getName());
        doc.putArray("scopes_supported").add("openid");
        return OidcJson.write(doc);
    }

    public String jwks() {
        return "{\"keys\":[" + publicJwk.toJSONString() + "]}";
    }

    /** Signs the claims as a compact JWS with header {@code {"alg","kid","typ":"JWT"}}. */
    public String mint(ObjectNode claims) {
        ObjectNode header = OidcJson.MAPPER.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", algorithm.getName());
        header.put("kid", publicJwk.getKeyID());
        String signingInput = B64URL.encodeToString(OidcJson.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(OidcJson.write(claims).getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)).toArray();
        if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            // JCA gives DER; JWS wants the fixed-size R || S concatenation (RFC 7518 §3.4)
            try {
                signature = ECDSA.transcodeSignatureToConcat(signature, ECDSA.getSignatureByteArrayLength(algorithm));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot transcode the ECDSA signature", e);
            }
        }
        return signingInput + "." + B64URL.encodeToString(signature);
    }
}
