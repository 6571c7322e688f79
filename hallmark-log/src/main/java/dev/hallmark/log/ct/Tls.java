package dev.hallmark.log.ct;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Big-endian TLS presentation-language fields (RFC 5246 §4) as RFC 6962 uses them: fixed integers and opaque vectors. */
final class Tls {
    static final int MAX_U16 = 0xffff;
    static final int MAX_U24 = 0xffffff;

    private Tls() {
    }

    /** Writes fields in order into a growing buffer. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer u24(int v) {
            out.write(v >>> 16);
            return u16(v & 0xffff);
        }

        Writer u64(long v) {
            out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
            return this;
        }

        Writer fixed(Bytes b) {
            out.writeBytes(b.toArray());
            return this;
        }

        /** {@code opaque <0..2^16-1>}. */
        Writer vector16(Bytes b) {
            if (b.length() > MAX_U16) {
                throw new IllegalArgumentException("opaque<0..2^16-1> of " + b.length() + " bytes");
            }
            return u16(b.length()).fixed(b);
        }

        /** {@code opaque <0..2^24-1>}. */
        Writer vector24(Bytes b) {
            if (b.length() > MAX_U24) {
                throw new IllegalArgumentException("opaque<0..2^24-1> of " + b.length() + " bytes");
            }
            return u24(b.length()).fixed(b);
        }

        Bytes toBytes() {
            return Bytes.of(out.toByteArray());
        }
    }

    /** Reads fields in order; every shortfall is a {@link FormatException}. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(Bytes b) {
            this.in = ByteBuffer.wrap(b.toArray());
        }

        int u8() throws FormatException {
            need(1);
            return in.get() & 0xff;
        }

        int u16() throws FormatException {
            need(2);
            return in.getShort() & 0xffff;
        }

        int u24() throws FormatException {
            return (u8() << 16) | u16();
        }

        long u64() throws FormatException {
            need(8);
            return in.getLong();
        }

        Bytes fixed(int length) throws FormatException {
            need(length);
            byte[] out = new byte[length];
            in.get(out);
            return Bytes.of(out);
        }

        Bytes vector16() throws FormatException {
            return fixed(u16());
        }

        Bytes vector24() throws FormatException {
            return fixed(u24());
        }

        boolean hasRemaining() {
            return in.hasRemaining();
        }

        void end() throws FormatException {
            if (in.hasRemaining()) {
                throw new FormatException(in.remaining() + " trailing bytes");
            }
        }

        private void need(int n) throws FormatException {
            if (n > in.remaining()) {
                throw new FormatException("truncated TLS structure");
            }
        }
    }
}
