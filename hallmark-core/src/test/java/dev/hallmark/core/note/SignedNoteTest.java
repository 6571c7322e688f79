package dev.hallmark.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteTest {
    static final String SIG = "wNI9ajBGAiEAlWUH2HSPa6IMIRBgFcIXph3Mj9xM70WR0VVADvGIl/oCIQCgfvUUjR/X5jewlqpAWI8NuJIicKpTG64vo6UM5fpSgQ==";
    static final String TEXT = "rekor.sigstore.dev - 2605736670972794746\n37795272\n"
            + "60ll7idWI1jYRZzxc+jKflYoW+4jWxgZaGR15ASsWt4=\nTimestamp: 1697034484441201852\n";

    static Stream<JsonNode> checkpointCases() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(Vectors.text("java/CASES.json")).get("checkpoints");
        List<JsonNode> list = new ArrayList<>();
        cases.forEach(list::add);
        return list.stream();
    }

    @Test
    void theVectorSetHasTwoValidAndSevenInvalidCheckpoints() throws Exception {
        assertThat(checkpointCases().filter(c -> c.get("expect").asText().equals("parse"))).hasSize(2);
        assertThat(checkpointCases().filter(c -> c.get("expect").asText().equals("parse error"))).hasSize(7);
    }

    @ParameterizedTest
    @MethodSource("checkpointCases")
    void sigstoreJavaCheckpointVectors(JsonNode c) throws Exception {
        byte[] bytes = Vectors.bytes("java/" + c.get("file").asText());
        if (c.get("expect").asText().equals("parse error")) {
            assertThatThrownBy(() -> Checkpoint.fromNote(SignedNote.parse(bytes))).isInstanceOf(FormatException.class);
            return;
        }
        SignedNote note = SignedNote.parse(bytes);
        assertThat(note.serialize().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        Checkpoint checkpoint = Checkpoint.fromNote(note);
        assertThat(checkpoint.origin()).isEqualTo(c.get("origin").asText());
        assertThat(checkpoint.size()).isEqualTo(c.get("size").asLong());
        assertThat(checkpoint.rootHash().base64()).isEqualTo(c.get("rootHash").asText());
        assertThat(checkpoint.extensionLines()).containsExactly("Timestamp: 1697034484441201852");
        assertThat(checkpoint.toNoteText()).isEqualTo(note.text());
        int count = c.has("signatureCount") ? c.get("signatureCount").asInt() : c.get("signatures").size();
        assertThat(note.signatures()).hasSize(count);
        NoteSignature first = note.signatures().get(0);
        assertThat(first.name()).isEqualTo("rekor.sigstore.dev");
        assertThat(first.keyIdHex()).isEqualTo("c0d23d6a");
        if (c.has("signatures")) {
            assertThat(first.signature().base64()).isEqualTo(c.get("signatures").get(0).get("signature").asText());
        } else {
            assertThat(note.signatures().get(1).name()).isEqualTo("bob.loblaw.dev");
        }
    }

    @Test
    void theInvalidVectorsFailAtTheLayerTheyBreak() throws Exception {
        // A note whose text lacks the root hash is a fine note but not a checkpoint.
        SignedNote note = SignedNote.parse(Vectors.bytes("java/checkpoints/error_header_count.txt"));
        assertThatThrownBy(() -> Checkpoint.fromNote(note)).isInstanceOf(FormatException.class);
        for (String file : List.of("error_header_body_separator", "error_no_newline_after_signature",
                "error_no_signatures", "error_signature_format_invalid", "error_signature_length_insufficient")) {
            assertThatThrownBy(() -> SignedNote.parse(Vectors.bytes("java/checkpoints/" + file + ".txt")))
                    .as(file).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void splitsAtTheLastBlankLine() throws FormatException {
        String text = "first\n\nsecond paragraph\n\n";
        SignedNote note = SignedNote.parse(text + "\n— a " + SIG + "\n— b " + SIG + "\n");
        assertThat(note.text()).isEqualTo(text);
        assertThat(note.signatures()).extracting(NoteSignature::name).containsExactly("a", "b");
        assertThat(note.serialize()).isEqualTo(text + "\n— a " + SIG + "\n— b " + SIG + "\n");
        assertThat(SignedNote.parse("\n\n— a " + SIG + "\n").text()).isEqualTo("\n");
    }

    @Test
    void roundTripsByteForByteAndKeepsUnknownLines() throws FormatException {
        String note = TEXT + "\n— rekor.sigstore.dev " + SIG + "\n— witness.example/w1 AAAAAQE=\n";
        SignedNote parsed = SignedNote.parse(note);
        assertThat(parsed.serialize()).isEqualTo(note);
        assertThat(SignedNote.parse(parsed.serialize())).isEqualTo(parsed);
        assertThat(parsed.signatures().get(1).keyId()).isEqualTo(1);
        assertThat(parsed.signatures().get(1).signature()).isEqualTo(Bytes.of(new byte[] {1}));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "text\n", "text\n\n", "text\n\n\n", "text\n\n— a " + SIG, "text\n\n— a " + SIG + "\n\n",
        "text\n\n- a " + SIG + "\n", "text\n\n—a " + SIG + "\n", "text\n\n— " + SIG + "\n", "text\n\n—  a " + SIG + "\n",
        "text\n\n— a+b " + SIG + "\n", "text\n\n— a\u00a0b " + SIG + "\n", "text\n\n— a " + SIG + " \n",
        "text\n\n— a  " + SIG + "\n", "text\n\n— a wNI9ag==\n", "text\n\n— a AAAA\n", "text\n\n— a wNI9ajB\n",
        "text\n\n— a wNI9ajBF=\n", "text\n\n— a wNI9ajBGAh==\n", "text\n\n— a wNI9ajBG_iEA\n",
        "tab\there\n\n— a " + SIG + "\n", "cr\r\n\n— a " + SIG + "\n", "text\n\n— a " + SIG + "\r\n",
        "nul\u0000\n\n— a " + SIG + "\n", "text\n\n— a\u0001 " + SIG + "\n", "lone\ud800\n\n— a " + SIG + "\n",
        "text\n\n\n— a " + SIG + "\n— b\n"})
    void rejectsMalformedNotes(String note) {
        assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(FormatException.class);
    }

    @Test
    void enforcesSizeAndSignatureLimits() throws FormatException {
        String line = "— a " + SIG + "\n";
        assertThat(SignedNote.parse("t\n\n" + line.repeat(100)).signatures()).hasSize(100);
        assertThatThrownBy(() -> SignedNote.parse("t\n\n" + line.repeat(101))).isInstanceOf(FormatException.class);
        String huge = "x".repeat(1 << 20) + "\n\n" + line;
        assertThatThrownBy(() -> SignedNote.parse(huge)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SignedNote.parse(huge.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] note = ("t\n\n— a " + SIG + "\n").getBytes(StandardCharsets.UTF_8);
        note[0] = (byte) 0xc3; // a lead byte followed by '\n'
        assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(FormatException.class);
    }

    @Test
    void recordsRejectInvalidContent() {
        NoteSignature sig = new NoteSignature("a", 1, Bytes.of(new byte[] {1}));
        assertThatThrownBy(() -> new SignedNote("no newline", List.of(sig))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedNote("t\n", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSignature("", 1, Bytes.of(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSignature("a b", 1, Bytes.of(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSignature("a", 1, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NoteSignature("a", 0xc0d23d6a, Bytes.of(new byte[] {1})).line()).isEqualTo("— a wNI9agE=\n");
    }
}
