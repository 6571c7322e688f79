package dev.hallmark.cli.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Gzip exactly as Node's {@code zlib.gzipSync(data, {level: 9})} writes it, which (bar one header byte, below) is
 * how npm pack compresses a package: pacote gives node-tar {@code gzip: {level: 9}}, node-tar hands that to
 * minizlib, i.e. to Node's zlib.
 *
 * <p>Why not {@link java.util.zip.Deflater}: the tarball's sha512 is the package's integrity, so {@code hallmark
 * publish} must produce npm's bytes, and Node bundles Chromium's fork of zlib (1.3.1), whose string hashing picks
 * different matches than the JDK's zlib from the first few bytes on. {@link LazyMatcher} and {@link BlockWriter}
 * reproduce that fork's level-9 path (windowBits 15, memLevel 8, default strategy) and nothing else.
 *
 * <p>The gzip wrapper is zlib's default one (RFC 1952): no name, mtime 0, XFL 2 (level 9), OS 3 (Unix), then CRC-32
 * and the input length mod 2^32. npm pack's tarballs differ in one byte: node-tar packs with {@code portable: true},
 * which makes minizlib overwrite the OS byte with 255 ("unknown"); {@link #gzipPortable} and
 * {@link #portableStream} write that header.
 */
public final class NodeGzip {
    private static final int OS_UNIX = 3;
    private static final int OS_UNKNOWN = 255;

    private NodeGzip() {
    }

    /** The bytes of {@code zlib.gzipSync(data, {level: 9})}: all input given to one {@code Z_FINISH} call. */
    public static byte[] gzip(byte[] data) {
        return gzip(data, OS_UNIX);
    }

    /**
     * The bytes npm pack writes for a tar: {@link #gzip} with minizlib's portable header (OS byte 255), which
     * node-tar asks for.
     */
    public static byte[] gzipPortable(byte[] data) {
        return gzip(data, OS_UNKNOWN);
    }

    private static byte[] gzip(byte[] data, int os) {
        Objects.requireNonNull(data, "data");
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        try (Stream stream = new Stream(out, os)) {
            stream.finish(data, 0, data.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /**
     * A Node gzip stream writing to {@code sink}: each {@code write} is one zlib {@code deflate(Z_NO_FLUSH)} call
     * with that chunk as input, as a Node zlib stream's (and minizlib's) write is, and {@link Stream#close()} or
     * {@link Stream#finish()} is the final {@code Z_FINISH}. Nothing in between flushes, so how the input is split
     * does not change the bytes: they equal {@link #gzip} of the concatenation. (The matcher only reads past the
     * available input at the very end, and the one stale byte it can then hash lies where both ways of feeding the
     * window have written the same data; NodeGzipTest checks this against Node for many splits.)
     */
    public static Stream stream(OutputStream sink) {
        return new Stream(Objects.requireNonNull(sink, "sink"), OS_UNIX);
    }

    /** {@link #stream} with npm pack's portable header (OS byte 255), as {@link #gzipPortable}. */
    public static Stream portableStream(OutputStream sink) {
        return new Stream(Objects.requireNonNull(sink, "sink"), OS_UNKNOWN);
    }

    /** See {@link NodeGzip#stream}. Not thread-safe. */
    public static final class Stream extends OutputStream {
        private final OutputStream sink;
        private final int os;
        private final BitSink bits = new BitSink();
        private final LazyMatcher matcher = new LazyMatcher(new BlockWriter(bits));
        private boolean started;
        private boolean finished;

        private Stream(OutputStream sink, int os) {
            this.sink = sink;
            this.os = os;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (finished) {
                throw new IOException("gzip stream already finished");
            }
            start();
            if (len == 0) {
                return; // zlib returns Z_BUF_ERROR for an empty Z_NO_FLUSH call without touching its state
            }
            matcher.compress(b, off, len, false);
            bits.drainTo(sink);
        }

        /** Ends the stream: last block, CRC-32 and length. Further writes fail; later calls do nothing. */
        public void finish() throws IOException {
            finish(new byte[0], 0, 0);
        }

        private void finish(byte[] b, int off, int len) throws IOException {
            if (finished) {
                return;
            }
            start();
            matcher.compress(b, off, len, true);
            finished = true;
            bits.putIntLsb(matcher.crc32());
            bits.putIntLsb((int) matcher.totalIn());
            bits.drainTo(sink);
        }

        private void start() throws IOException {
            if (!started) {
                started = true;
                sink.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) os});
            }
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        /** Finishes the stream (see {@link #finish()}) and closes the sink. */
        @Override
        public void close() throws IOException {
            try {
                finish();
            } finally {
                sink.close();
            }
        }
    }
}
