package dev.hallmark.registry.pkg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code cap} bytes through, then fails: the decompression-bomb stop for the gunzipped tar stream. A
 * narrower {@linkplain #window window} can bound one stretch of reading, such as the headers of one tar entry.
 */
final class CappedInputStream extends FilterInputStream {
    /** Thrown once more than the cap or the window was asked for; told apart from I/O errors by its type. */
    static final class CapExceeded extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean window;

        CapExceeded(long limit, boolean window) {
            super((window ? "window" : "stream") + " exceeds " + limit + " bytes");
            this.window = window;
        }

        /** True when the window, not the whole-stream cap, was exceeded. */
        boolean window() {
            return window;
        }
    }

    private final long cap;
    private long count;
    private long windowEnd = Long.MAX_VALUE;
    private long windowSize;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    /** From now on, at most {@code size} more bytes may be read until {@link #closeWindow()}. */
    void window(long size) {
        windowSize = size;
        windowEnd = size > Long.MAX_VALUE - count ? Long.MAX_VALUE : count + size;
    }

    void closeWindow() {
        windowEnd = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Never ask for more than one byte past the limit, so a bomb is not decompressed further than that.
        long limit = Math.min(cap, windowEnd);
        int asked = (int) Math.min(length, Math.max(1, limit - count + 1));
        int n = in.read(buffer, offset, asked);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping must be counted too: read through a scratch buffer instead of trusting the delegate's skip.
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported: a reset would let bytes be counted twice or not at all
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void count(long n) throws CapExceeded {
        count += n;
        if (count > cap) {
            throw new CapExceeded(cap, false);
        }
        if (count > windowEnd) {
            throw new CapExceeded(windowSize, true);
        }
    }
}
