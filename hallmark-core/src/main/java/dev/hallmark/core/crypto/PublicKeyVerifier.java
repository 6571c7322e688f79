package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;

/** Verifies signatures made by one public key under one scheme. Thread-safe; a failed check always throws. */
public final class PublicKeyVerifier {
    // DER DigestInfo prefixes (RFC 8017 §9.2 note 1), for RSA PKCS#1 v1.5 over a digest given by the caller.
    private static final byte[] SHA256_DIGEST_INFO = java.util.HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private final PublicKey key;
    private final SignatureAlgorithm algorithm;
    /** Set for ECDSA keys, which are verified with BouncyCastle's faster curve code. */
    private final EcdsaVerifier ecdsa;

    PublicKeyVerifier(PublicKey key, SignatureAlgorithm algorithm) throws FormatException {
        this.key = Objects.requireNonNull(key, "key");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (!Keys.fits(key, algorithm)) {
            throw new FormatException(key.getAlgorithm() + " key does not fit " + algorithm);
        }
        try {
            this.ecdsa = algorithm.curve() != null ? new EcdsaVerifier((java.security.interfaces.ECPublicKey) key, algorithm.curve()) : null;
        } catch (IllegalArgumentException e) {
            throw new FormatException("EC public key is not a valid point on " + algorithm.curve());
        }
    }

    public PublicKey key() {
        return key;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Verifies {@code signature} over {@code message}; throws when it does not verify. */
    public void verify(byte[] message, byte[] signature) throws BadSignatureException {
        if (ecdsa != null) {
            MessageDigest md = algorithm.hash().newMessageDigest();
            if (!ecdsa.verify(md.digest(message), signature)) {
                throw new BadSignatureException("signature does not verify");
            }
            return;
        }
        try {
            Signature s = newSignature(algorithm.jcaSignature());
            s.initVerify(key);
            s.update(message);
            if (!s.verify(signature)) {
                throw new BadSignatureException("signature does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadSignatureException("signature does not verify: malformed signature or key");
        }
    }

    public void verify(Bytes message, Bytes signature) throws BadSignatureException {
        verify(message.unsafeArray(), signature.unsafeArray());
    }

    /**
     * Verifies a signature over a message of which only the digest is known (a "prehash" verification). The digest's
     * algorithm must be the scheme's; pure Ed25519 cannot be checked this way.
     */
    public void verifyDigest(Digest digest, byte[] signature) throws BadSignatureException {
        if (algorithm.hash() != digest.algorithm()) {
            throw new BadSignatureException("digest is " + digest.algorithm() + " but " + algorithm + " signs " + algorithm.hash());
        }
        byte[] hash = digest.value().unsafeArray();
        if (ecdsa != null) {
            if (!ecdsa.verify(hash, signature)) {
                throw new BadSignatureException("signature does not verify");
            }
            return;
        }
        try {
            Signature s;
            byte[] input = hash;
            switch (algorithm) {
                case RSA_PKCS1V15_SHA256 -> {
                    s = newSignature("NONEwithRSA");
                    input = new byte[SHA256_DIGEST_INFO.length + hash.length];
                    System.arraycopy(SHA256_DIGEST_INFO, 0, input, 0, SHA256_DIGEST_INFO.length);
                    System.arraycopy(hash, 0, input, SHA256_DIGEST_INFO.length, hash.length);
                }
                default -> throw new BadSignatureException(algorithm + " cannot verify a signature over a bare digest");
            }
            s.initVerify(key);
            s.update(input);
            if (!s.verify(signature)) {
                throw new BadSignatureException("signature does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadSignatureException("signature does not verify: malformed signature or key");
        }
    }

    static Signature newSignature(String name) throws GeneralSecurityException {
        Signature s = Signature.getInstance(name);
        if (name.equals("RSASSA-PSS")) {
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        return s;
    }
}
