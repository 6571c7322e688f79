package dev.hallmark.bench;

import dev.hallmark.cli.pack.NodeGzip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Gzipping a 5 MiB tar the way {@code hallmark publish} does (NodeGzip, Node's zlib at level 9, byte-identical to
 * npm pack), next to the JDK's own zlib at level 9 (faster, different bytes). The tar is synthetic but shaped like a
 * package: 512-byte headers and JavaScript-like text files of 1 to 60 KiB from a fixed seed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class NodeGzipBenchmark {
    private static final int SIZE = 5 * 1024 * 1024;
    private static final String[] WORDS = {
        "const", "function", "return", "require(", "module.exports", "undefined", "null", "this.", " = ", " => ",
        "{\n", "}\n", "(", ")", ";\n", "  ", "if (", "else", "await ", "async ", "options", "value", "index", "length",
        "'use strict'", "throw new Error(", "typeof", "Object.keys(", "Array.isArray(", "//", "\n",
    };

    private byte[] tar;

    @Setup
    public void setUp() {
        Random random = new Random(20_251_122L);
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE + 70_000);
        for (int file = 0; out.size() < SIZE; file++) {
            StringBuilder text = new StringBuilder();
            int length = 1024 + random.nextInt(60 * 1024);
            while (text.length() < length) {
                text.append(WORDS[random.nextInt(WORDS.length)]);
                if (random.nextInt(6) == 0) {
                    text.append("name").append(random.nextInt(500));
                }
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            byte[] name = ("package/lib/module" + file + ".js").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, header, 0, name.length);
            byte[] size = String.format("%011o", body.length).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(size, 0, header, 124, size.length);
            header[156] = '0';
            out.writeBytes(header);
            out.writeBytes(body);
            out.writeBytes(new byte[(512 - body.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        tar = out.toByteArray();
    }

    @Benchmark
    public byte[] nodeGzip() {
        return NodeGzip.gzipPortable(tar);
    }

    @Benchmark
    public byte[] jdkGzipLevel9() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tar.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 65_536) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(tar);
        }
        return bytes.toByteArray();
    }
}
