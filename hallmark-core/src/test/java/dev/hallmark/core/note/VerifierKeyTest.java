package dev.hallmark.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierKeyTest {
    @ParameterizedTest
    @ValueSource(strings = {GoNoteVectors.PETER_VKEY, GoNoteVectors.FOO_VKEY, GoNoteVectors.PLUS_VKEY,
        GoNoteVectors.COSIGNATURE_VKEY})
    void parsesAndFormatsPublishedKeys(String text) throws FormatException {
        VerifierKey key = VerifierKey.parse(text);
        assertThat(key.format()).isEqualTo(text);
        assertThat(key.verifier().keyIdHex()).isEqualTo(text.split("\\+")[1]);
        assertThat(key.verifier().name()).isEqualTo(key.name());
    }

    @Test
    void typesAreToldApart() throws FormatException {
        assertThat(VerifierKey.parse(GoNoteVectors.PLUS_VKEY).type()).isEqualTo(VerifierKey.TYPE_ED25519);
        assertThat(VerifierKey.parse(GoNoteVectors.PLUS_VKEY).name()).isEqualTo("TEST");
        VerifierKey witness = VerifierKey.parse(GoNoteVectors.COSIGNATURE_VKEY);
        assertThat(witness.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
        assertThat(witness.verifier()).isInstanceOf(CosignatureVerifier.class);
        assertThat(witness.keyId()).isEqualTo(0xda77ade7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PeterNeumann", "PeterNeumann+c74f20a3", "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+BRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWAA"})
    void rejectsMalformedKeys(String text) {
        assertThatThrownBy(() -> VerifierKey.parse(text)).isInstanceOf(FormatException.class);
    }
}
