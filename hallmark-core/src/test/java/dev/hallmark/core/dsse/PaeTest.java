package dev.hallmark.core.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaeTest {
    private static String text(Bytes b) {
        return new String(b.toArray(), StandardCharsets.UTF_8);
    }

    @Test
    void dsseSpecExample() {
        // secure-systems-lab/dsse protocol.md test vector
        assertThat(text(Pae.encode("http://example.com/HelloWorld", Bytes.utf8("hello world"))))
                .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void lengthsCountBytesNotCharacters() {
        // "é" is 2 bytes, "€" is 3: character counts would give 2 and 1.
        assertThat(text(Pae.encode("té", Bytes.utf8("€")))).isEqualTo("DSSEv1 3 té 3 €");
    }

    @Test
    void emptyPayloadAndBinaryBodyAreKeptRaw() {
        assertThat(text(Pae.encode("", Bytes.EMPTY))).isEqualTo("DSSEv1 0  0 ");
        Bytes binary = Bytes.of(new byte[] {0, (byte) 0xff, 10});
        Bytes pae = Pae.encode("t", binary);
        assertThat(pae.slice(pae.length() - 3, pae.length())).isEqualTo(binary);
        assertThat(text(pae.slice(0, pae.length() - 3))).isEqualTo("DSSEv1 1 t 3 ");
    }
}
