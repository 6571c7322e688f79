package dev.hallmark.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PublicKeyVerifierTest {
    private static final byte[] MESSAGE = "npm package provenance".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signsAndVerifiesAndRejectsOtherMessages(SignatureAlgorithm algorithm) throws Exception {
        Signer signer = Signer.generate(algorithm);
        Bytes signature = signer.sign(MESSAGE);
        PublicKeyVerifier verifier = algorithm.verifier(Keys.publicKeyFromPem(Keys.toPem(signer.publicKey())));
        verifier.verify(MESSAGE, signature.toArray());
        assertThatThrownBy(() -> verifier.verify("another message".getBytes(StandardCharsets.UTF_8), signature.toArray()))
                .isInstanceOf(BadSignatureException.class);
        assertThat(SignatureAlgorithm.fromKeyDetails(algorithm.keyDetails(signer.publicKey()))).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ECDSA_P521_SHA512", "RSA_PKCS1V15_SHA256"})
    void verifiesASignatureGivenOnlyTheMessageDigest(SignatureAlgorithm algorithm) throws Exception {
        Signer signer = Signer.generate(algorithm);
        Bytes signature = signer.sign(MESSAGE);
        Digest digest = algorithm.hash().digest(MESSAGE);
        signer.verifier().verifyDigest(digest, signature.toArray());
        assertThatThrownBy(() -> signer.verifier().verifyDigest(algorithm.hash().digest(new byte[1]), signature.toArray()))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void pureEd25519CannotBeCheckedAgainstADigest() {
        Signer signer = Signer.generate(SignatureAlgorithm.ED25519);
        assertThatThrownBy(() -> signer.verifier().verifyDigest(Digest.sha512(MESSAGE), signer.sign(MESSAGE).toArray()))
                .isInstanceOf(BadSignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void garbageSignaturesAreBadSignaturesNeverCrashes(SignatureAlgorithm algorithm) {
        PublicKeyVerifier verifier = Signer.generate(algorithm).verifier();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(600)];
            random.nextBytes(junk);
            if (i % 3 == 0 && junk.length > 2) {
                junk[0] = 0x30; // looks like a DER SEQUENCE
                junk[1] = (byte) (junk.length - 2);
            }
            assertThatThrownBy(() -> verifier.verify(MESSAGE, junk)).isInstanceOf(BadSignatureException.class);
        }
    }

    @Test
    void aKeyOfTheWrongTypeOrCurveIsRefused() {
        Signer p256 = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThatThrownBy(() -> SignatureAlgorithm.ECDSA_P384_SHA384.verifier(p256.publicKey())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignatureAlgorithm.ED25519.verifier(p256.publicKey())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Keys.publicKeyFromDer(Bytes.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Keys.publicKeyFromPem("not pem")).isInstanceOf(FormatException.class);
    }

    @Test
    void privateKeysRoundTripThroughPkcs8Pem() throws Exception {
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ED25519}) {
            Signer signer = Signer.generate(algorithm);
            Signer again = Signer.of(Keys.privateKeyFromPem(Keys.toPem(signer.privateKey())), signer.publicKey(), algorithm);
            assertThatCode(() -> signer.verifier().verify(MESSAGE, again.sign(MESSAGE).toArray())).doesNotThrowAnyException();
            assertThat(again.toString()).doesNotContain("PRIVATE");
        }
    }

    @Test
    void base64IgnoresLineBreaksButNotOtherJunk() throws Exception {
        assertThat(Bytes.fromBase64("AAEC\nAw==")).isEqualTo(Bytes.of(new byte[] {0, 1, 2, 3}));
        assertThatThrownBy(() -> Bytes.fromBase64("AA!C")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Bytes.fromHex("0g")).isInstanceOf(FormatException.class);
    }
}
