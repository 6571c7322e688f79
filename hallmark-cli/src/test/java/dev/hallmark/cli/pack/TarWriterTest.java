package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tar details no package tree reaches: PAX record lengths at every digit boundary, octal padding, the checksum. */
class TarWriterTest {
    @Test
    void paxRecordLengthCountsItsOwnDigitsAtEveryBoundary() {
        for (int n = 0; n < 1200; n++) {
            String record = TarWriter.record("path", "x".repeat(n));
            int space = record.indexOf(' ');
            assertThat(Integer.parseInt(record.substring(0, space)))
                    .as("record for a value of %d bytes", n)
                    .isEqualTo(record.getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(TarWriter.record("path", "é")).isEqualTo("11 path=é\n");
        assertThat(TarWriter.record("mtime", "499162500")).isEqualTo("19 mtime=499162500\n");
    }

    @Test
    void numbersUseNodeTarsPadding() {
        byte[] buf = new byte[512];
        TarHeader.number(buf, 100, 8, 0644);
        assertThat(new String(buf, 100, 8, StandardCharsets.US_ASCII)).isEqualTo("000644 \0");
        TarHeader.number(buf, 124, 12, 5);
        assertThat(new String(buf, 124, 12, StandardCharsets.US_ASCII)).isEqualTo("0000000005 \0");
        TarHeader.number(buf, 100, 8, 07777777);
        assertThat(new String(buf, 100, 8, StandardCharsets.US_ASCII)).isEqualTo("7777777\0");
        assertThat(TarHeader.number(buf, 124, 12, 1L << 33)).as("a size beyond 8 GiB needs PAX").isTrue();
        assertThat(buf[124] & 0xFF).isEqualTo(0x80);
    }

    @Test
    void checksumCoversTheBlockWithSpacesForItself() {
        byte[] block = TarHeader.encode("package/index.js", 0644, 12, 499162500, '0', null).block();
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xFF;
        }
        assertThat(new String(block, 148, 8, StandardCharsets.US_ASCII)).isEqualTo(
                "0".repeat(6 - Long.toOctalString(sum).length()) + Long.toOctalString(sum) + " \0");
    }
}
