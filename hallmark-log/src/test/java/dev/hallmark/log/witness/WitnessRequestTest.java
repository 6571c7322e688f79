package dev.hallmark.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.SignedNote;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tlog-witness {@code add-checkpoint} request body (sigstore.md §4.4). */
class WitnessRequestTest {
    static final InMemoryMerkleTree TREE = new InMemoryMerkleTree();
    static final SignedNote NOTE;

    static {
        for (int i = 0; i < 13; i++) {
            TREE.appendLeaf(new byte[] {(byte) i});
        }
        try {
            NOTE = NoteSigner.of("log.example", Signer.generate(SignatureAlgorithm.ED25519))
                    .signNote(new Checkpoint("log.example", 13, TREE.root()).toNoteText());
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void roundTripsWithTheWireLayout() throws Exception {
        WitnessRequest r = WitnessRequest.of(TREE.consistencyProof(5, 13), NOTE);
        String body = new String(r.encode(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("old 5\n" + r.proof().get(0).base64() + "\n");
        assertThat(body).endsWith("\n\n" + NOTE.serialize());
        assertThat(r.proof()).hasSize(TREE.consistencyProof(5, 13).hashes().size()).isNotEmpty();
        assertThat(WitnessRequest.parse(r.encode())).isEqualTo(r);
    }

    @Test
    void oldZeroHasNoProofLines() throws Exception {
        WitnessRequest r = WitnessRequest.of(TREE.consistencyProof(0, 13), NOTE);
        assertThat(new String(r.encode(), StandardCharsets.UTF_8)).startsWith("old 0\n\n" + NOTE.text());
        assertThat(WitnessRequest.parse(r.encode()).proof()).isEmpty();
    }

    @Test
    void rejectsMalformedBodies() {
        String note = NOTE.serialize();
        String hash = Bytes.of(new byte[32]).base64();
        for (String bad : List.of("old 01\n\n" + note, "old -1\n\n" + note, "new 1\n\n" + note, "old 1\n" + note,
                "old 1\n" + Bytes.of(new byte[31]).base64() + "\n\n" + note,
                "old 1\n" + String.join("\n", Collections.nCopies(64, hash)) + "\n\n" + note,
                "old 1\n\nnot a note\n", "old 1")) {
            assertThatThrownBy(() -> WitnessRequest.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(FormatException.class);
        }
        assertThatThrownBy(() -> WitnessRequest.parse(new byte[WitnessRequest.MAX_BODY + 1]))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> WitnessRequest.parse(new byte[] {'o', 'l', 'd', ' ', (byte) 0xff, '\n'}))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void refusesMoreThan63ProofLines() {
        List<Bytes> tooMany = Collections.nCopies(64, Bytes.of(new byte[32]));
        assertThatThrownBy(() -> new WitnessRequest(1, tooMany, NOTE)).isInstanceOf(IllegalArgumentException.class);
    }
}
