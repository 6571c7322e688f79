package dev.hallmark.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
    static final String ROOT = "rs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=";

    @Test
    void parsesARekorV2Checkpoint() throws FormatException {
        Checkpoint c = Checkpoint.parse("log2025-alpha1.rekor.sigstage.dev\n736\n" + ROOT + "\n");
        assertThat(c.origin()).isEqualTo("log2025-alpha1.rekor.sigstage.dev");
        assertThat(c.size()).isEqualTo(736);
        assertThat(c.rootHash().base64()).isEqualTo(ROOT);
        assertThat(c.extensionLines()).isEmpty();
        assertThat(c.toNoteText()).isEqualTo("log2025-alpha1.rekor.sigstage.dev\n736\n" + ROOT + "\n");
    }

    @Test
    void acceptsExtensionLinesAndTheEmptyTree() throws FormatException {
        String text = "example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nTimestamp: 1\nother: x y\n";
        Checkpoint c = Checkpoint.parse(text);
        assertThat(c.size()).isZero();
        assertThat(c.extensionLines()).containsExactly("Timestamp: 1", "other: x y");
        assertThat(c.toNoteText()).isEqualTo(text);
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "o\n", "o\n1\n", "o\n1\n" + ROOT, "\n1\n" + ROOT + "\n", "o\n\n" + ROOT + "\n", "o\n01\n" + ROOT + "\n",
        "o\n00\n" + ROOT + "\n", "o\n-1\n" + ROOT + "\n", "o\n+1\n" + ROOT + "\n", "o\n 1\n" + ROOT + "\n",
        "o\n1.0\n" + ROOT + "\n", "o\nabcdefg\n" + ROOT + "\n", "o\n9223372036854775808\n" + ROOT + "\n",
        "o\n18446744073709551615\n" + ROOT + "\n", "o\n1\n\n", "o\n1\nnot base64!\n",
        "o\n1\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI\n", "o\n1\nrs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5-eGUTDI=\n",
        "o\n1\nAAAA\n", "o\n1\n" + ROOT + "\n\n", "o\n1\n" + ROOT + "\next\n\n", "o\n1\n" + ROOT + "\n\next\n",
        "o\t\n1\n" + ROOT + "\n", "o\n1\n" + ROOT + "\r\n", "736\n" + ROOT + "\n"})
    void rejectsMalformedCheckpoints(String text) {
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(FormatException.class);
    }

    @Test
    void recordValidatesItsFields() throws FormatException {
        Bytes root = Bytes.fromBase64(ROOT);
        assertThatThrownBy(() -> new Checkpoint("", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, root.slice(0, 31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, root, List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Checkpoint("o", 1, root).toNoteText()).isEqualTo("o\n1\n" + ROOT + "\n");
    }
}
