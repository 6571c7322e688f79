package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;

/**
 * A {@link Signer} stored as a PKCS#8 PEM {@code PRIVATE KEY} block, the form key files take (DESIGN.md: "0600
 * PKCS#8 PEM under DIR/keys/"). PKCS#8 need not carry the public key, so it is derived from the private one: an
 * operator may drop in a key made by {@code openssl genpkey}.
 */
public final class SignerPem {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), followed by the 32-byte key. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private SignerPem() {
    }

    /** The private key as PEM; the caller owns keeping it secret. */
    public static String encode(Signer signer) {
        return Keys.toPem(signer.privateKey());
    }

    /** Reads a PKCS#8 PEM key for the scheme; the key type must fit it (a P-384 key is no ECDSA_P256_SHA256 key). */
    public static Signer decode(String pem, SignatureAlgorithm algorithm) throws FormatException {
        PrivateKey key = Keys.privateKeyFromPem(pem);
        return Signer.of(key, publicKeyOf(key), algorithm);
    }

    /** Reads a PKCS#8 PEM key under the default scheme for its type ({@link SignatureAlgorithm#defaultFor}). */
    public static Signer decode(String pem) throws FormatException {
        PrivateKey key = Keys.privateKeyFromPem(pem);
        PublicKey publicKey = publicKeyOf(key);
        return Signer.of(key, publicKey, SignatureAlgorithm.defaultFor(publicKey));
    }

    static PublicKey publicKeyOf(PrivateKey key) throws FormatException {
        try {
            return switch (key) {
                case ECPrivateKey ec -> {
                    var q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
                    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
                    yield KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
                }
                case EdECPrivateKey ed -> {
                    byte[] seed = ed.getBytes().orElseThrow(() -> new FormatException("Ed25519 key without its seed"));
                    byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + pub.length];
                    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                    System.arraycopy(pub, 0, spki, ED25519_SPKI_PREFIX.length, pub.length);
                    yield Keys.publicKeyFromDer(spki);
                }
                case RSAPrivateCrtKey rsa -> KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                default -> throw new FormatException("cannot derive the public key of a " + key.getAlgorithm() + " key");
            };
        } catch (GeneralSecurityException | IllegalArgumentException | ArithmeticException e) {
            throw new FormatException("private key is malformed");
        }
    }
}
