package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hallmark.cli.pack.NodeZlib.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * NodeGzip against Node's zlib itself ({@code zlib.gzipSync(data, {level: 9})} and gzip streams), byte for byte:
 * the sha512 of a tarball is its npm integrity, so "decompresses to the same tar" is not enough.
 */
class NodeGzipTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    @Test
    void edgeAndStructuredInputsMatchNode() throws Exception {
        assertMatchesNode(edgeInputs());
    }

    @Test
    void seededRandomInputsMatchNode() throws Exception {
        Random random = new Random(0x6e6f6465L);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            int size = switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> random.nextInt(600);
                case 4, 5, 6 -> random.nextInt(8 * KIB);
                case 7, 8 -> random.nextInt(80 * KIB);
                default -> 64 * KIB + random.nextInt(200 * KIB);
            };
            byte[] data = switch (random.nextInt(4)) {
                case 0 -> GzipInputs.text(random, size);
                case 1 -> GzipInputs.tarLike(random, 1 + random.nextInt(6), 1 + size / 3);
                default -> GzipInputs.mixed(random, size);
            };
            inputs.put("random #" + i, data);
        }
        assertMatchesNode(inputs);
    }

    @Test
    void chunkedWritesMatchNodeStreamsAndTheWholeBuffer() throws Exception {
        Random random = new Random(512);
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("tar-like 600 KiB", GzipInputs.tarLike(random, 40, 30 * KIB));
        data.put("mixed 300 KiB", GzipInputs.mixed(random, 300 * KIB));
        data.put("text ending at the first slide", GzipInputs.text(random, 65_274 + 32_768 + 2));
        data.put("zeros 200 KiB", new byte[200 * KIB]);
        data.put("random 70 KiB", GzipInputs.randomBytes(random, 70 * KIB));

        List<String> names = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : data.entrySet()) {
            byte[] bytes = e.getValue();
            names.add(e.getKey() + " in 512-byte writes");
            requests.add(new Request(bytes, fixedChunks(bytes.length, 512)));
            names.add(e.getKey() + " in random writes");
            requests.add(new Request(bytes, randomChunks(random, bytes.length, 3000)));
            names.add(e.getKey() + " in 65537-byte writes");
            requests.add(new Request(bytes, fixedChunks(bytes.length, 65_537)));
        }
        byte[] small = GzipInputs.mixed(random, 5000);
        names.add("5000 bytes in 1-byte writes");
        requests.add(new Request(small, fixedChunks(small.length, 1)));

        NodeZlib.Batch node = NodeZlib.gzip(requests);
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            byte[] java = NodeZlib.javaGzip(r);
            assertSameBytes(names.get(i) + " vs Node's stream", node.outputs().get(i), java, r.data(), node.zlibVersion());
            assertSameBytes(names.get(i) + " vs the whole buffer", NodeGzip.gzip(r.data()), java, r.data(),
                    node.zlibVersion());
        }
    }

    @Test
    void outputRoundTripsThroughGzipInputStream() throws Exception {
        Map<String, byte[]> inputs = edgeInputs();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            inputs.put("mixed #" + i, GzipInputs.mixed(random, random.nextInt(150 * KIB)));
        }
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            byte[] gz = NodeGzip.gzip(e.getValue());
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(in.readAllBytes()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void headerAndTrailerAreZlibDefaultsForLevel9() {
        byte[] data = GzipInputs.text(new Random(3), 10_000);
        byte[] gz = NodeGzip.gzip(data);
        // RFC 1952: magic, CM 8, no flags, MTIME 0, XFL 2 (maximum compression), OS 3 (Unix)
        assertThat(java.util.Arrays.copyOf(gz, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3);
        ByteBuffer trailer = ByteBuffer.wrap(gz, gz.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(data);
        assertThat(trailer.getInt() & 0xffffffffL).isEqualTo(crc.getValue());
        assertThat(trailer.getInt()).isEqualTo(data.length);
        byte[] portable = NodeGzip.gzipPortable(data);
        assertThat(portable[9]).isEqualTo((byte) 255);
        portable[9] = 3;
        assertThat(portable).isEqualTo(gz);
        // the empty input: one empty fixed-Huffman block, as zlib writes it
        assertThat(NodeGzip.gzip(new byte[0])).containsExactly(
                0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void closedStreamRefusesWrites() throws IOException {
        NodeGzip.Stream stream = NodeGzip.stream(new ByteArrayOutputStream());
        stream.write(new byte[] {1, 2, 3});
        stream.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.write(1)).isInstanceOf(IOException.class);
    }

    static Map<String, byte[]> edgeInputs() {
        Random random = new Random(1);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("empty", new byte[0]);
        for (int n = 1; n <= 5; n++) {
            inputs.put(n + " bytes", GzipInputs.text(random, n));
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        inputs.put("all 256 byte values", all);
        inputs.put("all 256 byte values x 400", repeat(all, 400));
        inputs.put("all 256 byte values, descending x 3", repeat(reversed(all), 3));
        for (int n : new int[] {3, 4, 257, 258, 259, 260, 261, 262, 263, 516, 517, 519, 1000, 33_000}) {
            inputs.put("zero run of " + n, new byte[n]);
        }
        inputs.put("0xff run of 100000", GzipInputs.run(0xff, 100_000));
        inputs.put("zeros 3 MiB", new byte[3 * MIB]);
        inputs.put("text then a zero run", concat(GzipInputs.text(random, 20_000), new byte[10_000]));
        inputs.put("period 3", repeat("abc".getBytes(), 200_000));
        inputs.put("period 7", repeat("0123456".getBytes(), 50_000));
        inputs.put("random 100 KiB (stored blocks)", GzipInputs.randomBytes(random, 100 * KIB));
        inputs.put("random 1 MiB (stored blocks)", GzipInputs.randomBytes(random, MIB));
        inputs.put("random then text", concat(GzipInputs.randomBytes(random, 40 * KIB), GzipInputs.text(random, 40 * KIB)));
        inputs.put("text then random", concat(GzipInputs.text(random, 40 * KIB), GzipInputs.randomBytes(random, 40 * KIB)));
        for (int n : new int[] {65_273, 65_274, 65_276, 65_280, 65_535, 65_536, 65_537, 98_041, 98_042, 98_045, 98_304}) {
            inputs.put("text of " + n + " bytes (window edges)", GzipInputs.text(random, n));
        }
        inputs.put("previous match of 32 halves the chain", GzipInputs.deepChain(random));
        inputs.put("lazy search after a 257-byte match", GzipInputs.lazyAfter257(random));
        inputs.put("3-byte match at distance 4096", GzipInputs.threeByteMatchAt(random, 4096));
        inputs.put("3-byte match at distance 4097", GzipInputs.threeByteMatchAt(random, 4097));
        inputs.put("tar-like 1 file", GzipInputs.tarLike(random, 1, 2000));
        inputs.put("tar-like 5 MiB", GzipInputs.tarLike(random, 120, 80 * KIB));
        inputs.put("text 4 MiB", GzipInputs.text(random, 4 * MIB));
        inputs.put("mixed 6 MiB", GzipInputs.mixed(random, 6 * MIB));
        return inputs;
    }

    private static void assertMatchesNode(Map<String, byte[]> inputs) throws Exception {
        List<Request> requests = inputs.values().stream().map(Request::whole).toList();
        NodeZlib.Batch node = NodeZlib.gzip(requests);
        int i = 0;
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            assertSameBytes(e.getKey(), node.outputs().get(i++), NodeGzip.gzip(e.getValue()), e.getValue(),
                    node.zlibVersion());
        }
    }

    static void assertSameBytes(String what, byte[] expected, byte[] actual, byte[] input, String zlibVersion) {
        int mismatch = java.util.Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            fail(what + " (" + input.length + " input bytes): NodeGzip's " + actual.length + " bytes differ from node"
                    + " zlib " + zlibVersion + "'s " + expected.length + " bytes at offset " + mismatch);
        }
    }

    static int[] fixedChunks(int length, int size) {
        int[] chunks = new int[(length + size - 1) / size];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = Math.min(size, length - i * size);
        }
        return chunks;
    }

    private static int[] randomChunks(Random random, int length, int max) {
        List<Integer> chunks = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int c = Math.min(left, 1 + random.nextInt(max));
            chunks.add(c);
            left -= c;
        }
        return chunks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] reversed(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
