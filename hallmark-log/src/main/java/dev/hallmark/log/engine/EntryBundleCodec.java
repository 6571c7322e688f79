package dev.hallmark.log.engine;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The C2SP tlog-tiles entry bundle ({@code tile/entries/<N>[.p/<W>]}, sigstore.md §4.2): up to 256 entries, each
 * prefixed by its length as a big-endian u16. Hence no entry may exceed {@link #MAX_ENTRY} bytes, which
 * {@code LogEngine.add} enforces before anything is sequenced.
 */
public final class EntryBundleCodec {
    /** The largest entry a u16 length prefix can describe. */
    public static final int MAX_ENTRY = dev.hallmark.log.LogAppender.MAX_ENTRY_BYTES;
    private static final int MAX_BUNDLE = 256;

    private EntryBundleCodec() {
    }

    public static Bytes encode(List<Bytes> entries) {
        if (entries.size() > MAX_BUNDLE) {
            throw new IllegalArgumentException("a bundle holds at most " + MAX_BUNDLE + " entries");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes e : entries) {
            append(out, e);
        }
        return Bytes.of(out.toByteArray());
    }

    static void append(ByteArrayOutputStream out, Bytes entry) {
        if (entry.length() > MAX_ENTRY) {
            throw new IllegalArgumentException("entry of " + entry.length() + " bytes does not fit a u16 length");
        }
        out.write(entry.length() >>> 8);
        out.write(entry.length() & 0xFF);
        out.writeBytes(entry.toArray());
    }

    /** Splits a bundle into its entries; it must consist of whole length-prefixed entries, at most 256. */
    public static List<Bytes> decode(Bytes bundle) throws FormatException {
        byte[] b = bundle.toArray();
        List<Bytes> out = new ArrayList<>();
        int pos = 0;
        while (pos < b.length) {
            if (out.size() == MAX_BUNDLE || b.length - pos < 2) {
                throw new FormatException("entry bundle has trailing bytes or too many entries");
            }
            int len = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            if (b.length - pos < len) {
                throw new FormatException("entry bundle is truncated");
            }
            out.add(Bytes.of(b, pos, len));
            pos += len;
        }
        return out;
    }

    /** The first {@code count} entries of a bundle, still encoded (a narrower partial bundle of the same tile). */
    static Bytes prefix(Bytes bundle, int count) throws FormatException {
        int pos = 0;
        for (int i = 0; i < count; i++) {
            if (bundle.length() - pos < 2) {
                throw new FormatException("entry bundle has fewer than " + count + " entries");
            }
            pos += 2 + (((bundle.get(pos) & 0xFF) << 8) | (bundle.get(pos + 1) & 0xFF));
            if (pos > bundle.length()) {
                throw new FormatException("entry bundle is truncated");
            }
        }
        return bundle.slice(0, pos);
    }
}
