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
import dev.hallmark.core.crypto.PublicKeyVerifier;
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

    /** One issuer key with its verifier built once; {@code null} verifiers for keys we would never use. */
    private record Candidate(JWK jwk, JWSVerifier jose, PublicKeyVerifier ed25519) {
    }

    private final List<Candidate> candidates;

    private SignatureCheck(List<Candidate> candidates) {
        this.candidates = candidates;
    }

    /** Prepares the verifiers of an issuer's keys, so each token costs one signature check and no key parsing. */
    static SignatureCheck of(JWKSet keys) {
        return new SignatureCheck(keys.getKeys().stream().map(SignatureCheck::prepare).toList());
    }

    private static Candidate prepare(JWK key) {
        try {
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                return new Candidate(key, null, null);
            }
            return switch (key) {
                case RSAKey rsa when rsa.size() >= MIN_RSA_BITS -> new Candidate(key, new RSASSAVerifier(rsa), null);
                case ECKey ec -> new Candidate(key, new ECDSAVerifier(ec), null);
                case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) ->
                        new Candidate(key, null, ed25519(okp));
                default -> new Candidate(key, null, null);
            };
        } catch (JOSEException | FormatException | RuntimeException e) {
            return new Candidate(key, null, null);
        }
    }

    /**
     * @throws TokenException {@code UNKNOWN_KEY} when no key carries the token's {@code kid} (the caller may refresh
     *     and retry), {@code BAD_SIGNATURE} when no suitable key verifies the signature
     */
    void verify(CompactJwt jwt) throws TokenException {
        List<Candidate> named = candidates.stream()
                .filter(c -> jwt.keyId().isEmpty() || jwt.keyId().get().equals(c.jwk().getKeyID()))
                .toList();
        if (named.isEmpty()) {
            throw new TokenException(UNKNOWN_KEY, jwt.keyId().isPresent()
                    ? "the issuer has no key with this kid" : "the issuer has no keys");
        }
        for (Candidate candidate : named) {
            if (suits(candidate.jwk(), jwt.algorithm()) && verifies(candidate, jwt)) {
                return;
            }
        }
        throw new TokenException(BAD_SIGNATURE, "signature does not verify with the issuer's keys");
    }

    private static boolean suits(JWK key, JWSAlgorithm alg) {
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return false;
        }
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            return key instanceof RSAKey;
        }
        if (alg.equals(JWSAlgorithm.ES256)) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }
        if (alg.equals(JWSAlgorithm.ES384)) {
            return key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
        }
        return alg.equals(JWSAlgorithm.EdDSA) && key instanceof OctetKeyPair;
    }

    private static boolean verifies(Candidate candidate, CompactJwt jwt) {
        try {
            if (candidate.ed25519() != null) {
                // Nimbus needs Tink for Ed25519, which we do not ship; the JDK verifies it through hallmark-core
                candidate.ed25519().verify(jwt.signingInput(), jwt.signature());
                return true;
            }
            return candidate.jose() != null && jwt.jws().verify(candidate.jose());
        } catch (BadSignatureException | JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static PublicKeyVerifier ed25519(OctetKeyPair okp) throws FormatException {
        byte[] x = okp.getX().decode();
        if (x.length != 32) {
            throw new FormatException("Ed25519 key is not 32 bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        return SignatureAlgorithm.ED25519.verifier(Keys.publicKeyFromDer(Bytes.of(spki)));
    }
}
