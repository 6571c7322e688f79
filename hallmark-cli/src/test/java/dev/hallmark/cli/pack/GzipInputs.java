package dev.hallmark.cli.pack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Inputs that reach every path of the compressor: text, tar records, runs, incompressible bytes. */
final class GzipInputs {
    private static final String[] WORDS = {
        "const", "function", "return", "require", "module", "exports", "undefined", "null", "this", "=", "=>", "{",
        "}", "(", ")", ";", "\n", "  ", "package", "version", "dependencies", "\"", ":", ",", "index", "value",
    };

    private GzipInputs() {
    }

    static byte[] text(Random random, int length) {
        StringBuilder s = new StringBuilder(length + 16);
        while (s.length() < length) {
            s.append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextInt(5) == 0) {
                s.append(random.nextInt(100_000));
            }
            s.append(' ');
        }
        return s.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    static byte[] run(int value, int length) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /** A mix of text, binary and runs in random pieces, about {@code length} bytes. */
    static byte[] mixed(Random random, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4096);
        while (out.size() < length) {
            int piece = 1 + random.nextInt(Math.max(1, Math.min(8192, length - out.size())));
            switch (random.nextInt(6)) {
                case 0 -> out.writeBytes(randomBytes(random, piece));
                case 1 -> out.writeBytes(run(random.nextInt(4) == 0 ? random.nextInt(256) : 0, piece));
                case 2 -> {
                    // short-period repetition: long matches at small distances
                    byte[] unit = randomBytes(random, 1 + random.nextInt(12));
                    for (int i = 0; i < piece; i++) {
                        out.write(unit[i % unit.length]);
                    }
                }
                case 3 -> {
                    // repeat an earlier stretch: matches at far distances, including beyond the window
                    byte[] so = out.toByteArray();
                    if (so.length > 0) {
                        int from = random.nextInt(so.length);
                        out.write(so, from, Math.min(piece, so.length - from));
                    }
                }
                default -> out.writeBytes(text(random, piece));
            }
        }
        return out.toByteArray();
    }

    /**
     * A 32-byte match followed, one byte later, by a 44-byte match that sits deeper than 1024 entries in its hash
     * chain. zlib searches only a quarter of the 4096-entry chain when the previous match is at least 32 ("good")
     * long, so it keeps the 32-byte match; a searcher that misses that rule finds the longer one.
     */
    static byte[] deepChain(Random random) {
        byte[] tail = new byte[40];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = (byte) ('e' + random.nextInt(20));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("deep:abcd".getBytes(StandardCharsets.US_ASCII)); // not at 0: zlib never matches position 0
        out.writeBytes(tail);
        out.writeBytes("Qabcd".getBytes(StandardCharsets.US_ASCII));
        out.write(tail, 0, 27);
        out.write('!');
        for (int i = 0; i < 1100; i++) {
            out.writeBytes("abcd".getBytes(StandardCharsets.US_ASCII));
            for (int j = 0; j < 12; j++) {
                out.write('0' + random.nextInt(10));
            }
        }
        out.writeBytes("Qabcd".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tail);
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * A 257-byte match followed, one byte later, by a 258-byte one: zlib still looks for a better match after any
     * match shorter than 258 (level 9's max_lazy), so it emits a literal and the 258-byte match.
     */
    static byte[] lazyAfter257(Random random) {
        byte[] s = new byte[256];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ('a' + random.nextInt(26));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("lazy:Z".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(s);
        out.writeBytes("#".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(s);
        out.writeBytes("YW.".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("Z".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(s);
        out.writeBytes("YW!".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * A 3-byte match at a distance of exactly {@code distance} amid bytes that match nothing: zlib drops length-3
     * matches only when they are farther than 4096. Chromium's hash covers four bytes, so a 3-byte match is only
     * found where the fourth byte agrees too; here that is the end of the input, where the hash reads the window's
     * zero beyond it and the match is cut to the three bytes left.
     */
    static byte[] threeByteMatchAt(Random random, int distance) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Qabc\0".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < distance - 5; i++) {
            out.write(0x80 + random.nextInt(128));
        }
        out.writeBytes("Rabc".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A ustar-like archive: 512-byte headers, text bodies padded to 512, two zero records at the end. */
    static byte[] tarLike(Random random, int files, int maxFileSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int f = 0; f < files; f++) {
            byte[] body = random.nextInt(8) == 0 ? mixed(random, random.nextInt(maxFileSize))
                    : text(random, random.nextInt(maxFileSize));
            byte[] header = new byte[512];
            put(header, 0, "package/lib/file" + f + ".js");
            put(header, 100, "0000644\0");
            put(header, 108, "0000000\0");
            put(header, 116, "0000000\0");
            put(header, 124, String.format("%011o\0", body.length));
            put(header, 136, "03731140240\0");
            put(header, 148, "        ");
            header[156] = '0';
            put(header, 257, "ustar\0" + "00");
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o\0 ", sum));
            out.writeBytes(header);
            out.writeBytes(body);
            out.writeBytes(new byte[(512 - body.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
