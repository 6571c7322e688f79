package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** An immutable byte string, compared by content; decoded from hex or base64 once, at the edge. */
public final class Bytes implements Comparable<Bytes> {
    private static final HexFormat HEX = HexFormat.of();
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    public static Bytes of(byte[] value) {
        return new Bytes(value.clone());
    }

    public static Bytes of(byte[] value, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(value, offset, offset + length));
    }

    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Bytes fromHex(String hex) throws FormatException {
        try {
            return new Bytes(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid hex string");
        }
    }

    /**
     * Standard base64 with padding, as proto3 JSON writes it; URL-safe input is accepted too, as proto3 JSON allows.
     * Line breaks are ignored, as Go's and Node's decoders ignore them (a wrapped {@code base64} output is common).
     */
    public static Bytes fromBase64(String b64) throws FormatException {
        if (b64.indexOf('\n') >= 0 || b64.indexOf('\r') >= 0) {
            b64 = b64.replace("\n", "").replace("\r", "");
        }
        try {
            return new Bytes(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            try {
                return new Bytes(Base64.getUrlDecoder().decode(b64));
            } catch (IllegalArgumentException e2) {
                throw new FormatException("invalid base64 string");
            }
        }
    }

    public byte[] toArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /**
     * A read-only view of the bytes, without a copy: for writing a large body (a cached packument, a tarball) to many
     * clients at once, where a copy per response would multiply memory by the number of responses in flight.
     */
    public java.nio.ByteBuffer asReadOnlyBuffer() {
        return java.nio.ByteBuffer.wrap(value).asReadOnlyBuffer();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    public byte get(int index) {
        return value[index];
    }

    public String hex() {
        return HEX.formatHex(value);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    public Bytes slice(int from, int to) {
        return new Bytes(Arrays.copyOfRange(value, from, to));
    }

    public Bytes concat(Bytes other) {
        byte[] out = Arrays.copyOf(value, value.length + other.value.length);
        System.arraycopy(other.value, 0, out, value.length, other.value.length);
        return new Bytes(out);
    }

    public boolean startsWith(Bytes prefix) {
        return prefix.value.length <= value.length
                && Arrays.equals(value, 0, prefix.value.length, prefix.value, 0, prefix.value.length);
    }

    /** Constant-time comparison, for secrets and MACs. */
    public boolean equalsConstantTime(Bytes other) {
        return java.security.MessageDigest.isEqual(value, other.value);
    }

    /** The internal array, for hashing and signing inside hallmark-core; callers must not modify it. */
    byte[] unsafeArray() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return value.length <= 64 ? hex() : hex().substring(0, 128) + "…(" + value.length + " bytes)";
    }
}
