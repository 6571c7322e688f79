package dev.hallmark.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA verification over a digest with BouncyCastle's specialised NIST-curve arithmetic. It is several times faster
 * than the JDK's generic field code, and the public point keeps its precomputed multiples across calls, so the fixed
 * keys of a trusted root (log, CT log) get faster with use. Verification handles only public data, so it need not be
 * constant-time. Signatures must be strict DER with 0 < r, s < n (no malleable encodings).
 */
final class EcdsaVerifier {
    private final ECPublicKeyParameters key;

    EcdsaVerifier(ECPublicKey publicKey, String curve) {
        X9ECParameters x9 = CustomNamedCurves.getByName(curve);
        ECDomainParameters domain = new ECDomainParameters(x9);
        ECPoint q = domain.getCurve().createPoint(publicKey.getW().getAffineX(), publicKey.getW().getAffineY());
        this.key = new ECPublicKeyParameters(domain.validatePublicPoint(q), domain);
    }

    boolean verify(byte[] digest, byte[] derSignature) {
        BigInteger[] rs;
        try {
            rs = StandardDSAEncoding.INSTANCE.decode(key.getParameters().getN(), derSignature);
        } catch (IOException | RuntimeException e) {
            return false; // BouncyCastle's decoder throws assorted runtime exceptions on malformed DER
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(digest, rs[0], rs[1]);
    }
}
