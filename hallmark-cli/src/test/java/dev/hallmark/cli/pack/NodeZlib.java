package dev.hallmark.cli.pack;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Node's own zlib, run as a child process over a batch of inputs (one {@code node} per batch, so hundreds of inputs
 * cost one start-up). The reference NodeGzipTest compares against; there is no fallback when node is missing.
 */
final class NodeZlib {
    /** One input: {@code chunks} empty means {@code gzipSync}, otherwise a gzip stream written in those pieces. */
    record Request(byte[] data, int[] chunks) {
        Request {
            long sum = 0;
            for (int c : chunks) {
                sum += c;
            }
            if (chunks.length > 0 && sum != data.length) {
                throw new IllegalArgumentException("chunks add up to " + sum + ", not " + data.length);
            }
        }

        static Request whole(byte[] data) {
            return new Request(data, new int[0]);
        }
    }

    record Batch(String zlibVersion, List<byte[]> outputs) {
    }

    private NodeZlib() {
    }

    /** The {@code node} executable on PATH; fails the test, never skips it, when there is none. */
    static Path node() {
        return onPath("node");
    }

    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError(name + " is not on PATH: this test compares with Node's zlib (npm pack's gzip) and"
                + " needs node 20 and npm installed");
    }

    static Batch gzip(List<Request> requests) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(NodeZlib.class.getResource("node-gzip-batch.js").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path errors = Files.createTempFile("node-gzip", ".stderr");
        try {
            Process process = new ProcessBuilder(node().toString(), script.toString())
                    .redirectError(errors.toFile())
                    .start();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(requests, process.getOutputStream()));
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            writer.join();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node did not finish in 300 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("node exited " + process.exitValue() + ": " + Files.readString(errors));
            }
            return parse(out, requests.size());
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static void write(List<Request> requests, OutputStream stdin) {
        try (DataOutputStream out = new DataOutputStream(stdin)) {
            for (Request r : requests) {
                out.writeInt(r.data().length);
                out.writeInt(r.chunks().length);
                for (int c : r.chunks()) {
                    out.writeInt(c);
                }
                out.write(r.data());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Batch parse(byte[] out, int count) throws IOException {
        int newline = 0;
        while (newline < out.length && out[newline] != '\n') {
            newline++;
        }
        String version = new String(out, 0, newline, StandardCharsets.UTF_8);
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(out, newline + 1, out.length));
        List<byte[]> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outputs.add(in.readNBytes(in.readInt()));
        }
        if (in.available() != 0) {
            throw new AssertionError("node wrote more than " + count + " results");
        }
        return new Batch(version, outputs);
    }

    /** {@link NodeGzip.Stream} written in the same pieces as a chunked request. */
    static byte[] javaGzip(Request request) throws IOException {
        if (request.chunks().length == 0) {
            return NodeGzip.gzip(request.data());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NodeGzip.Stream stream = NodeGzip.stream(bytes)) {
            int at = 0;
            for (int c : request.chunks()) {
                stream.write(request.data(), at, c);
                at += c;
            }
        }
        return bytes.toByteArray();
    }
}
