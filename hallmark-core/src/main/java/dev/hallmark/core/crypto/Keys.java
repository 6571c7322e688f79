package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Public and private key codecs: DER SubjectPublicKeyInfo, PKCS#8 and PEM. */
public final class Keys {
    private static final int MAX_PEM = 64 * 1024;
    private static final ASN1ObjectIdentifier EC = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
    private static final ASN1ObjectIdentifier RSA = new ASN1ObjectIdentifier("1.2.840.113549.1.1.1");
    private static final ASN1ObjectIdentifier RSA_PSS = new ASN1ObjectIdentifier("1.2.840.113549.1.1.10");
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Keys() {
    }

    /** Parses a DER SubjectPublicKeyInfo (EC P-256/384/521, Ed25519 or RSA). */
    public static PublicKey publicKeyFromDer(Bytes spki) throws FormatException {
        return publicKeyFromDer(spki.unsafeArray());
    }

    static PublicKey publicKeyFromDer(byte[] der) throws FormatException {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
            ASN1ObjectIdentifier oid = info.getAlgorithm().getAlgorithm();
            String type;
            if (oid.equals(EC)) {
                type = "EC";
            } else if (oid.equals(RSA) || oid.equals(RSA_PSS)) {
                type = oid.equals(RSA) ? "RSA" : "RSASSA-PSS";
            } else if (oid.equals(ED25519)) {
                type = "Ed25519";
            } else {
                throw new FormatException("unsupported public key algorithm " + oid);
            }
            PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            if (key instanceof ECPublicKey ec) {
                curveName(ec); // rejects curves Sigstore does not use
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new FormatException("malformed public key");
        }
    }

    /** Parses a bare PKCS#1 {@code RSAPublicKey}, as older trusted roots carry some CT log keys. */
    public static PublicKey rsaPublicKeyFromPkcs1(Bytes der) throws FormatException {
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey rsa = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der.unsafeArray());
            return KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new FormatException("malformed PKCS#1 RSA public key");
        }
    }

    /** Parses a PEM {@code PUBLIC KEY} block. */
    public static PublicKey publicKeyFromPem(String pem) throws FormatException {
        return publicKeyFromDer(pemBlock(pem, "PUBLIC KEY"));
    }

    /** Parses either PEM or DER public key bytes, as Sigstore APIs accept both. */
    public static PublicKey publicKeyFromPemOrDer(Bytes bytes) throws FormatException {
        String text = new String(bytes.unsafeArray(), StandardCharsets.US_ASCII);
        return text.contains("-----BEGIN") ? publicKeyFromPem(text) : publicKeyFromDer(bytes);
    }

    public static Bytes spki(PublicKey key) {
        return Bytes.of(key.getEncoded());
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** Parses a PEM {@code PRIVATE KEY} (PKCS#8) block of an EC, Ed25519 or RSA key. */
    public static PrivateKey privateKeyFromPem(String pem) throws FormatException {
        byte[] der = pemBlock(pem, "PRIVATE KEY");
        for (String type : new String[] {"EC", "Ed25519", "RSA"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next type
            }
        }
        throw new FormatException("malformed or unsupported private key");
    }

    /** The body of the first PEM block of the given type. */
    public static byte[] pemBlock(String pem, String type) throws FormatException {
        if (pem.length() > MAX_PEM) {
            throw new FormatException("PEM text too large");
        }
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                if (object.getType().equals(type)) {
                    return object.getContent();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed PEM");
        }
        throw new FormatException("no PEM " + type + " block");
    }

    public static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static String curveName(ECPublicKey key) throws FormatException {
        ECParameterSpec params = key.getParams();
        int bits = params.getCurve().getField().getFieldSize();
        String name = switch (bits) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> throw new FormatException("unsupported EC curve of " + bits + " bits");
        };
        // The JDK only builds keys for named curves it knows; the field size then names the NIST curve uniquely.
        return name;
    }

    static boolean fits(PublicKey key, SignatureAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case ECDSA_P256_SHA256, ECDSA_P384_SHA384, ECDSA_P521_SHA512 ->
                        key instanceof ECPublicKey ec && curveName(ec).equals(algorithm.curve());
                case ED25519 -> key instanceof EdECPublicKey;
                case RSA_PKCS1V15_SHA256, RSA_PSS_SHA256 -> key instanceof RSAPublicKey;
            };
        } catch (FormatException e) {
            return false;
        }
    }
}
