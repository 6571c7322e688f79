package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * A signature scheme as Sigstore names it (protobuf-specs {@code PublicKeyDetails}): key type, curve or size, and hash.
 * The JCA names stay inside this package.
 */
public enum SignatureAlgorithm {
    ECDSA_P256_SHA256("PKIX_ECDSA_P256_SHA_256", HashAlgorithm.SHA2_256, "SHA256withECDSA", "secp256r1"),
    ECDSA_P384_SHA384("PKIX_ECDSA_P384_SHA_384", HashAlgorithm.SHA2_384, "SHA384withECDSA", "secp384r1"),
    ECDSA_P521_SHA512("PKIX_ECDSA_P521_SHA_512", HashAlgorithm.SHA2_512, "SHA512withECDSA", "secp521r1"),
    ED25519("PKIX_ED25519", null, "Ed25519", null),
    RSA_PKCS1V15_SHA256("PKIX_RSA_PKCS1V15_2048_SHA256", HashAlgorithm.SHA2_256, "SHA256withRSA", null),
    RSA_PSS_SHA256("PKIX_RSA_PSS_2048_SHA256", HashAlgorithm.SHA2_256, "RSASSA-PSS", null);

    private final String keyDetails;
    private final HashAlgorithm hash;
    private final String jcaSignature;
    private final String curve;

    SignatureAlgorithm(String keyDetails, HashAlgorithm hash, String jcaSignature, String curve) {
        this.keyDetails = keyDetails;
        this.hash = hash;
        this.jcaSignature = jcaSignature;
        this.curve = curve;
    }

    /** The hash the scheme signs with; {@code null} for pure Ed25519, which hashes internally. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** The protobuf-specs {@code PublicKeyDetails} name for a key of this scheme. */
    public String keyDetails(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            int size = bits > 3072 ? 4096 : bits > 2048 ? 3072 : 2048;
            return keyDetails.replace("2048", Integer.toString(size));
        }
        return keyDetails;
    }

    /** Whether an X.509 or CMS signature with this algorithm identifier OID is a signature of this scheme. */
    public boolean isX509SignatureAlgorithm(String oid) {
        return switch (this) {
            case ECDSA_P256_SHA256 -> oid.equals("1.2.840.10045.4.3.2");
            case ECDSA_P384_SHA384 -> oid.equals("1.2.840.10045.4.3.3");
            case ECDSA_P521_SHA512 -> oid.equals("1.2.840.10045.4.3.4");
            case ED25519 -> oid.equals("1.3.101.112");
            case RSA_PKCS1V15_SHA256 -> oid.equals("1.2.840.113549.1.1.11");
            case RSA_PSS_SHA256 -> false; // PSS parameters live in the identifier; left to the general path
        };
    }

    String jcaSignature() {
        return jcaSignature;
    }

    String curve() {
        return curve;
    }

    public PublicKeyVerifier verifier(PublicKey key) throws FormatException {
        return new PublicKeyVerifier(key, this);
    }

    /** The scheme Sigstore uses by default for a key: ECDSA with the curve's hash, Ed25519, RSA PKCS#1 v1.5 SHA-256. */
    public static SignatureAlgorithm defaultFor(PublicKey key) throws FormatException {
        if (key instanceof ECPublicKey ec) {
            return switch (Keys.curveName(ec)) {
                case "secp256r1" -> ECDSA_P256_SHA256;
                case "secp384r1" -> ECDSA_P384_SHA384;
                case "secp521r1" -> ECDSA_P521_SHA512;
                default -> throw new FormatException("unsupported EC curve");
            };
        }
        if (key instanceof EdECPublicKey) {
            return ED25519;
        }
        if (key instanceof RSAPublicKey) {
            return RSA_PKCS1V15_SHA256;
        }
        throw new FormatException("unsupported key type " + key.getAlgorithm());
    }

    /** Parses a {@code PublicKeyDetails} name, including the per-size RSA names. */
    public static SignatureAlgorithm fromKeyDetails(String name) throws FormatException {
        if (name == null) {
            throw new FormatException("missing keyDetails");
        }
        return switch (name) {
            case "PKIX_ECDSA_P256_SHA_256" -> ECDSA_P256_SHA256;
            case "PKIX_ECDSA_P384_SHA_384" -> ECDSA_P384_SHA384;
            case "PKIX_ECDSA_P521_SHA_512" -> ECDSA_P521_SHA512;
            case "PKIX_ED25519" -> ED25519;
            case "PKIX_RSA_PKCS1V15_2048_SHA256", "PKIX_RSA_PKCS1V15_3072_SHA256", "PKIX_RSA_PKCS1V15_4096_SHA256",
                    "PKIX_RSA_PKCS1V5", "PKCS1_RSA_PKCS1V5" -> RSA_PKCS1V15_SHA256;
            case "PKIX_RSA_PSS_2048_SHA256", "PKIX_RSA_PSS_3072_SHA256", "PKIX_RSA_PSS_4096_SHA256" -> RSA_PSS_SHA256;
            default -> throw new FormatException("unsupported keyDetails " + name);
        };
    }
}
