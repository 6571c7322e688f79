package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * Signs bytes with one private key under one scheme. Key management (files, PKCS#11, KMS) hands these out; the
 * private key itself never prints.
 */
public final class Signer {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;

    private Signer(PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm) {
        this.privateKey = Objects.requireNonNull(privateKey);
        this.publicKey = Objects.requireNonNull(publicKey);
        this.algorithm = Objects.requireNonNull(algorithm);
    }

    /** A fresh key pair for the scheme (RSA keys are 3072 bits). */
    public static Signer generate(SignatureAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ECDSA_P256_SHA256, ECDSA_P384_SHA384, ECDSA_P521_SHA512 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(algorithm.curve()));
                }
                case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
                case RSA_PKCS1V15_SHA256, RSA_PSS_SHA256 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(3072);
                }
                default -> throw new IllegalArgumentException(algorithm.name());
            }
            KeyPair pair = generator.generateKeyPair();
            return new Signer(pair.getPrivate(), pair.getPublic(), algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate " + algorithm, e);
        }
    }

    /** A signer for an existing key pair; the public key must fit the scheme. */
    public static Signer of(PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm) throws FormatException {
        if (!Keys.fits(publicKey, algorithm)) {
            throw new FormatException(publicKey.getAlgorithm() + " key does not fit " + algorithm);
        }
        return new Signer(privateKey, publicKey, algorithm);
    }

    public Bytes sign(byte[] message) {
        try {
            Signature s = PublicKeyVerifier.newSignature(algorithm.jcaSignature());
            s.initSign(privateKey);
            s.update(message);
            return Bytes.of(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public Bytes sign(Bytes message) {
        return sign(message.unsafeArray());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The private key, for key management code that stores it; never log it. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public PublicKeyVerifier verifier() {
        try {
            return algorithm.verifier(publicKey);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Signer[" + algorithm + "]";
    }
}
