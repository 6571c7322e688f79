package dev.hallmark.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void aReadOnlyBufferShowsTheBytesAndCannotChangeThem() {
        Bytes bytes = Bytes.utf8("hallmark");
        ByteBuffer view = bytes.asReadOnlyBuffer();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(8);
        byte[] read = new byte[8];
        view.get(read);
        assertThat(read).isEqualTo(bytes.toArray());
        assertThatThrownBy(() -> bytes.asReadOnlyBuffer().put(0, (byte) 'H')).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(bytes).isEqualTo(Bytes.utf8("hallmark"));
    }
}
