package dev.hallmark.core.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import org.junit.jupiter.api.Test;

/** A verifier PEM with characters outside base64 is refused, not silently cleaned (security review F6). */
class VerifierKeyStrictnessTest {
    @Test
    void junkInsideAPemBodyIsRefused() throws Exception {
        String pem = Keys.toPem(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey());
        assertThat(VerifierKey.fromPem(pem).kind()).isEqualTo(VerifierKey.Kind.PUBLIC_KEY);
        String[] lines = pem.split("\n");
        lines[1] = lines[1].substring(0, 10) + "!<>*;" + lines[1].substring(10);
        assertThatThrownBy(() -> VerifierKey.fromPem(String.join("\n", lines) + "\n")).isInstanceOf(FormatException.class);
    }
}
