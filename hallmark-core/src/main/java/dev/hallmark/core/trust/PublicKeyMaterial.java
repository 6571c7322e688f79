package dev.hallmark.core.trust;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.security.PublicKey;
import java.util.Objects;

/** A public key as the trusted root carries it ({@code PublicKey}): DER SPKI, its scheme and its validity. */
public record PublicKeyMaterial(Bytes rawBytes, SignatureAlgorithm algorithm, String keyDetails, ValidityPeriod validFor) {
    public PublicKeyMaterial {
        Objects.requireNonNull(rawBytes, "rawBytes");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyDetails, "keyDetails");
        Objects.requireNonNull(validFor, "validFor");
    }

    /** The key; {@code PKCS1_*} key details mean the raw bytes are a bare PKCS#1 RSAPublicKey, not an SPKI. */
    public PublicKey key() throws FormatException {
        return keyDetails.startsWith("PKCS1_") ? Keys.rsaPublicKeyFromPkcs1(rawBytes) : Keys.publicKeyFromDer(rawBytes);
    }

    public PublicKeyVerifier verifier() throws FormatException {
        return algorithm.verifier(key());
    }
}
