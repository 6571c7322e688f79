package dev.hallmark.ca.keys;

import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * BouncyCastle's {@link ContentSigner} over our {@link Signer}, so certificates and CMS timestamps are signed through
 * the key-management interface only (a file key today, a KMS or PKCS#11 key later) and never with a raw JCA key.
 * One instance signs one structure: it buffers what BouncyCastle writes and signs on {@link #getSignature()}; not
 * thread-safe, create one per signature (they are cheap).
 */
public final class SignerContentSigner implements ContentSigner {
    private final Signer signer;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    public SignerContentSigner(Signer signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.algorithm = identifier(signer.algorithm());
    }

    /**
     * The X.509 AlgorithmIdentifier of a CA-capable scheme (RFC 5758 §3.2: ECDSA without parameters; RFC 8410 §3:
     * Ed25519 without parameters; RFC 4055 §5: sha256WithRSAEncryption with NULL). RSA-PSS is refused: its
     * parameters complicate every verifier and no Sigstore CA uses it.
     */
    static AlgorithmIdentifier identifier(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ECDSA_P256_SHA256 -> new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
            case ECDSA_P384_SHA384 -> new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.3"));
            case ECDSA_P521_SHA512 -> new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.4"));
            case ED25519 -> new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));
            case RSA_PKCS1V15_SHA256 -> new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.113549.1.1.11"), DERNull.INSTANCE);
            case RSA_PSS_SHA256 -> throw new IllegalArgumentException("RSA-PSS CA keys are not supported");
        };
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] message = buffer.toByteArray();
        buffer.reset();
        return signer.sign(message).toArray();
    }
}
