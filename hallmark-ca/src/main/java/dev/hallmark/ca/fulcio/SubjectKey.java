package dev.hallmark.ca.fulcio;

import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * A public key the CA will certify: it can only exist once it passed Fulcio's key checks (sigstore.md §1.1 "Key
 * checks"): ECDSA P-256/P-384/P-521 with a valid point, Ed25519, or RSA of 2048–4096 bits, a multiple of 8, with
 * e = 65537. Everything else is refused with a typed reason.
 */
public final class SubjectKey {
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 4096;
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    private final PublicKey key;
    /** The scheme a proof of possession is checked with: the curve's hash for ECDSA, pure Ed25519, RSA PKCS#1 v1.5. */
    private final PublicKeyVerifier verifier;

    private SubjectKey(PublicKey key, PublicKeyVerifier verifier) {
        this.key = key;
        this.verifier = verifier;
    }

    /** Checks a key handed over as an object (a CSR's key, a test key). */
    public static SubjectKey of(PublicKey key) throws IssuanceException {
        Objects.requireNonNull(key, "key");
        switch (key) {
            case ECPublicKey ec -> {
                // defaultFor names the NIST curve or refuses (secp256k1, brainpool…)
            }
            case EdECPublicKey ed -> {
                if (!"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
                    throw new IssuanceException(Reason.UNSUPPORTED_KEY, "only Ed25519 is accepted among EdDSA keys");
                }
            }
            case RSAPublicKey rsa -> checkRsa(key, rsa);
            default -> throw new IssuanceException(Reason.UNSUPPORTED_KEY, "unsupported key type " + key.getAlgorithm());
        }
        try {
            // the verifier constructor also checks that an EC point lies on its curve
            return new SubjectKey(key, SignatureAlgorithm.defaultFor(key).verifier(key));
        } catch (FormatException e) {
            throw new IssuanceException(key instanceof ECPublicKey ? Reason.UNSUPPORTED_KEY : Reason.MALFORMED_KEY,
                    "unsupported or malformed public key");
        }
    }

    /** Parses PEM or DER SubjectPublicKeyInfo, as {@code publicKey.content} may be either (sigstore.md §1.1). */
    public static SubjectKey parse(Bytes pemOrDer) throws IssuanceException {
        PublicKey key;
        try {
            key = Keys.publicKeyFromPemOrDer(pemOrDer);
        } catch (FormatException e) {
            throw new IssuanceException(Reason.MALFORMED_KEY, "the public key does not parse");
        }
        return of(key);
    }

    private static void checkRsa(PublicKey key, RSAPublicKey rsa) throws IssuanceException {
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IssuanceException(Reason.UNSUPPORTED_KEY, "RSA keys must be rsaEncryption keys");
        }
        BigInteger modulus = rsa.getModulus();
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IssuanceException(Reason.WEAK_KEY, "RSA key of " + bits + " bits is too small");
        }
        if (bits > MAX_RSA_BITS || bits % 8 != 0) {
            throw new IssuanceException(Reason.UNSUPPORTED_KEY, "RSA keys are 2048 to 4096 bits in steps of 8");
        }
        if (!rsa.getPublicExponent().equals(F4)) {
            throw new IssuanceException(Reason.WEAK_KEY, "RSA public exponent must be 65537");
        }
        if (!modulus.testBit(0)) {
            throw new IssuanceException(Reason.WEAK_KEY, "RSA modulus is even");
        }
    }

    public PublicKey publicKey() {
        return key;
    }

    /** The scheme proofs of possession with this key use. */
    public SignatureAlgorithm algorithm() {
        return verifier.algorithm();
    }

    /**
     * Checks the proof of possession of the publicKeyRequest form: a plain signature over the UTF-8 bytes of the
     * token's challenge claim (sigstore.md §1.1).
     */
    public void verifyProofOfPossession(Bytes message, Bytes signature) throws IssuanceException {
        try {
            verifier.verify(message, signature);
        } catch (BadSignatureException e) {
            throw new IssuanceException(Reason.INVALID_PROOF_OF_POSSESSION, "the proof of possession does not verify");
        }
    }

    @Override
    public String toString() {
        return "SubjectKey[" + verifier.algorithm() + "]";
    }
}
