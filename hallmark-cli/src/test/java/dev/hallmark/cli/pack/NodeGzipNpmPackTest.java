package dev.hallmark.cli.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stock {@code npm pack}'s tarball, gunzipped and gzipped again by NodeGzip, comes back byte for byte. */
class NodeGzipNpmPackTest {
    @TempDir
    Path dir;

    @Test
    void regzippedNpmPackTarballIsIdentical() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Random random = new Random(11);
        Files.writeString(pkg.resolve("package.json"), """
                {"name": "hallmark-gzip-fixture", "version": "1.0.0", "main": "index.js", "license": "MIT"}
                """);
        Files.writeString(pkg.resolve("index.js"), "module.exports = require('./lib/data.js');\n");
        Files.writeString(pkg.resolve("README.md"), "# fixture\n\nA package for NodeGzipNpmPackTest.\n");
        Files.createDirectories(pkg.resolve("lib"));
        // over 64 KiB of tar, so the window slides several times, plus incompressible bytes for stored blocks
        Files.write(pkg.resolve("lib/data.js"), GzipInputs.text(random, 300_000));
        Files.write(pkg.resolve("lib/blob.bin"), GzipInputs.randomBytes(random, 40_000));
        Files.write(pkg.resolve("lib/mixed.bin"), GzipInputs.mixed(random, 90_000));

        Path out = Files.createDirectories(dir.resolve("out"));
        Path userConfig = Files.writeString(dir.resolve("npmrc"), "");
        ProcessBuilder npm = new ProcessBuilder(NodeZlib.onPath("npm").toString(), "pack", "--pack-destination",
                out.toString(), "--ignore-scripts")
                .directory(pkg.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = npm.environment();
        env.put("npm_config_cache", dir.resolve("cache").toString());
        env.put("npm_config_userconfig", userConfig.toString());
        env.put("npm_config_update_notifier", "false");
        Process process = npm.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("npm pack finished").isTrue();
        assertThat(process.exitValue()).as("npm pack: " + log).isZero();

        byte[] tgz = Files.readAllBytes(out.resolve("hallmark-gzip-fixture-1.0.0.tgz"));
        byte[] tar;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            tar = in.readAllBytes();
        }
        assertThat(tar.length).isGreaterThan(4 * 65_536);

        NodeGzipTest.assertSameBytes("npm pack tarball", tgz, NodeGzip.gzipPortable(tar), tar, "(npm pack)");
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (NodeGzip.Stream stream = NodeGzip.portableStream(streamed)) {
            for (int at = 0; at < tar.length; at += 512) {
                stream.write(tar, at, Math.min(512, tar.length - at));
            }
        }
        NodeGzipTest.assertSameBytes("npm pack tarball in 512-byte writes", tgz, streamed.toByteArray(), tar,
                "(npm pack)");

        // npm's header says OS "unknown" (255), node-tar's portable option; the rest is gzipSync's.
        assertThat(tgz[9]).isEqualTo((byte) 255);
        byte[] sync = NodeGzip.gzip(tar);
        sync[9] = (byte) 255;
        assertThat(sync).isEqualTo(tgz);

        // The reason NodeGzip exists: the JDK's zlib at the same level writes a different deflate stream.
        Deflater jdk = new Deflater(9, true);
        jdk.setInput(tar);
        jdk.finish();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
        while (!jdk.finished()) {
            raw.write(buffer, 0, jdk.deflate(buffer));
        }
        jdk.end();
        byte[] npmDeflate = java.util.Arrays.copyOfRange(tgz, 10, tgz.length - 8);
        assertThat(raw.toByteArray()).isNotEqualTo(npmDeflate);
    }
}
