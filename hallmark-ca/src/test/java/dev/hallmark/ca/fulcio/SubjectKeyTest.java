package dev.hallmark.ca.fulcio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.testing.Refusals;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Random;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class SubjectKeyTest {
    /** A syntactically valid RSA key of exactly {@code bits} bits (odd modulus); the CA never needs its factors. */
    static PublicKey rsa(int bits, long exponent) throws Exception {
        BigInteger modulus = new BigInteger(bits, new Random(bits)).setBit(bits - 1).setBit(0);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(exponent)));
    }

    @Test
    void acceptsTheFulcioKeyTypesWithTheirProofScheme() throws Exception {
        assertThat(SubjectKey.of(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey()).algorithm())
                .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(SubjectKey.of(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384).publicKey()).algorithm())
                .isEqualTo(SignatureAlgorithm.ECDSA_P384_SHA384);
        assertThat(SubjectKey.of(Signer.generate(SignatureAlgorithm.ECDSA_P521_SHA512).publicKey()).algorithm())
                .isEqualTo(SignatureAlgorithm.ECDSA_P521_SHA512);
        assertThat(SubjectKey.of(Signer.generate(SignatureAlgorithm.ED25519).publicKey()).algorithm())
                .isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(SubjectKey.of(rsa(2048, 65537)).algorithm()).isEqualTo(SignatureAlgorithm.RSA_PKCS1V15_SHA256);
        assertThat(SubjectKey.of(rsa(4096, 65537)).algorithm()).isEqualTo(SignatureAlgorithm.RSA_PKCS1V15_SHA256);
        assertThat(SubjectKey.of(rsa(3072, 65537)).publicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void weakRsaKeys() {
        assertThat(Refusals.reason(() -> SubjectKey.of(rsa(1024, 65537)))).isEqualTo(Reason.WEAK_KEY);
        assertThat(Refusals.reason(() -> SubjectKey.of(rsa(2048, 3)))).isEqualTo(Reason.WEAK_KEY);
    }

    @Test
    void unsupportedRsaSizes() {
        assertThat(Refusals.reason(() -> SubjectKey.of(rsa(2052, 65537)))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(Refusals.reason(() -> SubjectKey.of(rsa(8192, 65537)))).isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void unsupportedCurvesAndEdwardsKeys() throws Exception {
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        PublicKey secp256k1 = k1.generateKeyPair().getPublic();
        assertThat(Refusals.reason(() -> SubjectKey.of(secp256k1))).isEqualTo(Reason.UNSUPPORTED_KEY);
        PublicKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
        assertThat(Refusals.reason(() -> SubjectKey.of(ed448))).isEqualTo(Reason.UNSUPPORTED_KEY);
        PublicKey x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
        assertThat(Refusals.reason(() -> SubjectKey.of(x25519))).isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void malformedKeyBytes() {
        assertThat(Refusals.reason(() -> SubjectKey.parse(Bytes.utf8("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))))
                .isEqualTo(Reason.MALFORMED_KEY);
        assertThat(Refusals.reason(() -> SubjectKey.parse(Bytes.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))))
                .isEqualTo(Reason.MALFORMED_KEY);
    }

    @Test
    void proofOfPossessionUsesTheKeysScheme() throws Exception {
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.ECDSA_P256_SHA256,
                SignatureAlgorithm.ECDSA_P384_SHA384, SignatureAlgorithm.ED25519, SignatureAlgorithm.RSA_PKCS1V15_SHA256}) {
            Signer signer = Signer.generate(algorithm);
            SubjectKey key = SubjectKey.parse(Bytes.utf8(Keys.toPem(signer.publicKey())));
            key.verifyProofOfPossession(Bytes.utf8("subject"), signer.sign(Bytes.utf8("subject")));
            assertThat(Refusals.reason(() -> key.verifyProofOfPossession(Bytes.utf8("other"), signer.sign(Bytes.utf8("subject")))))
                    .isEqualTo(Reason.INVALID_PROOF_OF_POSSESSION);
        }
    }
}
