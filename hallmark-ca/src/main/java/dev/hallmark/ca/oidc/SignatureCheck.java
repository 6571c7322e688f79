package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.BAD_SIGNATURE;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNKNOWN_KEY;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.util.List;

/**
 * Finds the issuer key a token names and checks the signature with it. A key is used only for the algorithm family
 * it belongs to (RFC 8725 §3.1): RSA keys of at least 2048 bits for RS and PS, the matching NIST curve for ES256 and
 * ES384, Ed25519 for EdDSA, and never a key whose own {@code use} or {@code alg} says otherwise. Keys carried in the
 * token itself ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are ignored: only the issuer's JWKS counts.
 */
final class SignatureCheck {
    private static final int MIN_RSA_BITS = 2048;
    /** SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 §4), followed by the 32-byte public key. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};

    private SignatureCheck() {
    }

    /**
     * @throws TokenException {@code UNKNOWN_KEY} when no key carries the token's {@code kid} (the caller may refresh
     *     and retry), {@code BAD_SIGNATURE} when no suitable key verifies the signature
     */
    static void verify(CompactJwt jwt, JWKSet keys) throws TokenException {
        List<JWK> named = keys.getKeys().stream()
                .filter(k -> jwt.keyId().isEmpty() || jwt.keyId().get().equals(k.getKeyID()))
                .toList();
        if (named.isEmpty()) {
            throw new TokenException(UNKNOWN_KEY, jwt.keyId().isPresent()
                    ? "the issuer has no key with this kid" : "the issuer has no keys");
        }
        for (JWK key : named) {
            if (suits(key, jwt.algorithm()) && verifies(key, jwt)) {
                return;
            }
        }
        throw new TokenException(BAD_SIGNATURE, "signature does not verify with the issuer's keys");
    }

    private static boolean suits(JWK key, JWSAlgorithm alg) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return false;
        }
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            return key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS;
        }
        if (alg.equals(JWSAlgorithm.ES256)) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }
        if (alg.equals(JWSAlgorithm.ES384)) {
            return key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
        }
        if (alg.equals(JWSAlgorithm.EdDSA)) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }
        return false;
    }

    private static boolean verifies(JWK key, CompactJwt jwt) {
        try {
            if (key instanceof OctetKeyPair okp) {
                return verifiesEd25519(okp, jwt);
            }
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                    : new ECDSAVerifier((ECKey) key);
            return jwt.jws().verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    /** Nimbus needs Tink for Ed25519, which we do not ship; the JDK verifies it through hallmark-core instead. */
    private static boolean verifiesEd25519(OctetKeyPair okp, CompactJwt jwt) {
        byte[] x = okp.getX().decode();
        if (x.length != 32) {
            return false;
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        try {
            SignatureAlgorithm.ED25519.verifier(Keys.publicKeyFromDer(Bytes.of(spki)))
                    .verify(jwt.signingInput(), jwt.signature());
            return true;
        } catch (FormatException | BadSignatureException e) {
            return false;
        }
    }
}
