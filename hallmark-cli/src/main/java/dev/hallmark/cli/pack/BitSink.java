package dev.hallmark.cli.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The deflate bit stream (RFC 1951 §3.1.1): values are packed starting at the least significant bit of each byte.
 * Completed bytes collect in a buffer that the caller drains after each block; zlib's 16-bit {@code bi_buf} and
 * this 64-bit accumulator write the same bytes, since only the bit order is defined.
 */
final class BitSink {
    private byte[] bytes = new byte[1 << 16];
    private int size;
    private long bits;
    private int bitCount;

    /** Appends the low {@code count} bits of {@code value} ({@code count <= 16}, {@code value < 1 << count}). */
    void send(int value, int count) {
        bits |= (long) value << bitCount;
        bitCount += count;
        if (bitCount >= 32) {
            ensure(4);
            bytes[size] = (byte) bits;
            bytes[size + 1] = (byte) (bits >>> 8);
            bytes[size + 2] = (byte) (bits >>> 16);
            bytes[size + 3] = (byte) (bits >>> 24);
            size += 4;
            bits >>>= 32;
            bitCount -= 32;
        }
    }

    /** Pads the last partial byte with zero bits, as zlib's {@code bi_windup} does before stored data and at the end. */
    void alignToByte() {
        ensure(8);
        while (bitCount > 0) {
            bytes[size++] = (byte) bits;
            bits >>>= 8;
            bitCount -= 8;
        }
        bits = 0;
        bitCount = 0;
    }

    /** Appends whole bytes; only valid on a byte boundary. */
    void putBytes(byte[] source, int offset, int length) {
        if (bitCount != 0) {
            throw new IllegalStateException("bytes written off a byte boundary");
        }
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void putShortLsb(int value) {
        putByte(value);
        putByte(value >>> 8);
    }

    void putIntLsb(int value) {
        putShortLsb(value);
        putShortLsb(value >>> 16);
    }

    void putByte(int value) {
        if (bitCount != 0) {
            throw new IllegalStateException("bytes written off a byte boundary");
        }
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** Moves the completed bytes to {@code out}; bits of an unfinished byte stay. */
    void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
