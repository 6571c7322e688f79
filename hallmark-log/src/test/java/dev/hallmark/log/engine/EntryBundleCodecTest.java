package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The tlog-tiles entry bundle: u16 big-endian length, then the entry (sigstore.md §4.2). */
class EntryBundleCodecTest {
    @Property(tries = 200)
    void roundTripsAndPrefixes(@ForAll @Size(max = 256) List<@Size(max = 300) byte[]> raw) throws Exception {
        List<Bytes> entries = raw.stream().map(Bytes::of).toList();
        Bytes bundle = EntryBundleCodec.encode(entries);
        assertThat(EntryBundleCodec.decode(bundle)).isEqualTo(entries);
        int half = entries.size() / 2;
        assertThat(EntryBundleCodec.decode(EntryBundleCodec.prefix(bundle, half))).isEqualTo(entries.subList(0, half));
    }

    @Test
    void lengthIsBigEndianU16() throws Exception {
        Bytes bundle = EntryBundleCodec.encode(List.of(Bytes.of(new byte[0x0102])));
        assertThat(bundle.slice(0, 2)).isEqualTo(Bytes.fromHex("0102"));
    }

    @Test
    void truncatedBundleIsRejected() {
        assertThatThrownBy(() -> EntryBundleCodec.decode(Bytes.fromHex("0003aabb"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> EntryBundleCodec.decode(Bytes.fromHex("00"))).isInstanceOf(FormatException.class);
    }

    @Test
    void entryLongerThanU16IsRefused() {
        assertThatThrownBy(() -> EntryBundleCodec.encode(List.of(Bytes.of(new byte[65536]))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
