package dev.hallmark.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SignerPemTest {
    static final Bytes MESSAGE = Bytes.of("m".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ECDSA_P521_SHA512", "ED25519", "RSA_PKCS1V15_SHA256"})
    void theDerivedPublicKeyIsTheKeyPairs(SignatureAlgorithm algorithm) throws Exception {
        Signer original = Signer.generate(algorithm);
        String pem = SignerPem.encode(original);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        Signer loaded = SignerPem.decode(pem, algorithm);
        assertThat(loaded.publicKey()).isEqualTo(original.publicKey());
        original.verifier().verify(MESSAGE, loaded.sign(MESSAGE));
        assertThat(SignerPem.decode(pem).algorithm()).isEqualTo(algorithm);
    }

    @Test
    void aKeyOfAnotherTypeDoesNotFit() {
        String pem = SignerPem.encode(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384));
        assertThatThrownBy(() -> SignerPem.decode(pem, SignatureAlgorithm.ECDSA_P256_SHA256)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignerPem.decode(pem, SignatureAlgorithm.ED25519)).isInstanceOf(FormatException.class);
    }

    @Test
    void garbageIsAFormatException() {
        assertThatThrownBy(() -> SignerPem.decode("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignerPem.decode("not pem")).isInstanceOf(FormatException.class);
    }
}
