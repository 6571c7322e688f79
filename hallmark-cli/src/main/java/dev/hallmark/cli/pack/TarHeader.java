package dev.hallmark.cli.pack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A 512-byte ustar header block exactly as node-tar 7 encodes one in portable mode: uid, gid, uname, gname, atime
 * and ctime are left as zero bytes (not even {@code 0} digits), device numbers are written as zeros, numbers are
 * zero-padded octal followed by a space and a NUL (or, at full width, just a NUL), strings are cut at a character
 * boundary, and paths of 100 bytes or more are split at a slash into the 155-byte prefix field.
 *
 * <p>{@link #encode} also reports whether node-tar would precede the block with a PAX extended header: when a path or
 * link path is not ASCII or does not fit, or a number does not fit its field.
 */
final class TarHeader {
    static final int BLOCK = 512;
    private static final int PATH_SIZE = 100;
    private static final int PREFIX_SIZE = 155;
    private static final long MAX_OCTAL_8 = 07777777L;
    private static final long MAX_OCTAL_12 = 077777777777L;

    /** The encoded block and whether a PAX header must precede it. */
    record Encoded(byte[] block, boolean needsPax) {
    }

    private TarHeader() {
    }

    /**
     * @param type     the typeflag: {@code '0'} file, {@code '1'} hard link, {@code 'x'} PAX extended header
     * @param linkpath the link target, {@code ""} to write an empty field, or null for none
     */
    static Encoded encode(String path, int mode, long size, long mtimeSeconds, char type, String linkpath) {
        byte[] buf = new byte[BLOCK];
        String[] split = new String[2];
        boolean needPax = splitPrefix(path, split);
        needPax |= string(buf, 0, PATH_SIZE, split[0]);
        needPax |= number(buf, 100, 8, mode);
        needPax |= number(buf, 124, 12, size);
        needPax |= number(buf, 136, 12, mtimeSeconds);
        buf[156] = (byte) type;
        if (linkpath != null) {
            needPax |= string(buf, 157, 100, linkpath);
        }
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, buf, 257, magic.length);
        needPax |= number(buf, 329, 8, 0);
        needPax |= number(buf, 337, 8, 0);
        needPax |= string(buf, 345, PREFIX_SIZE, split[1]);
        if (buf[345 + 130] == 0) {
            // node-tar rewrites a short prefix into the 130-byte field of the atime/ctime layout; it reports the same
            needPax |= string(buf, 345, 130, split[1]);
        }
        long sum = 8 * 0x20;
        for (int i = 0; i < BLOCK; i++) {
            if (i < 148 || i >= 156) {
                sum += buf[i] & 0xFF;
            }
        }
        number(buf, 148, 8, sum);
        return new Encoded(buf, needPax);
    }

    /**
     * node-tar's splitPrefix: a path under 100 bytes stays whole; otherwise directories move into the prefix until
     * both fit, and when the base name alone is too long it is cut (the PAX header carries the real name).
     *
     * @return whether the split had to cut something
     */
    private static boolean splitPrefix(String p, String[] out) {
        if (JsText.utf8Length(p) < PATH_SIZE) {
            out[0] = p;
            out[1] = "";
            return false;
        }
        String prefix = dirname(p);
        String pp = PosixPath.basename(p);
        do {
            int ppLength = JsText.utf8Length(pp);
            int prefixLength = JsText.utf8Length(prefix);
            if (ppLength <= PATH_SIZE && prefixLength <= PREFIX_SIZE) {
                out[0] = pp;
                out[1] = prefix;
                return false;
            } else if (ppLength > PATH_SIZE && prefixLength <= PREFIX_SIZE) {
                out[0] = pp.substring(0, Math.min(pp.length(), PATH_SIZE - 1));
                out[1] = prefix;
                return true;
            }
            pp = PosixPath.join(PosixPath.basename(prefix), pp);
            prefix = dirname(prefix);
        } while (!prefix.equals("."));
        out[0] = p.substring(0, Math.min(p.length(), PATH_SIZE - 1));
        out[1] = "";
        return true;
    }

    /** {@code path.posix.dirname} for the relative, slash-separated paths tar entries have. */
    static String dirname(String p) {
        int end = p.length();
        while (end > 1 && p.charAt(end - 1) == '/') {
            end--;
        }
        int slash = p.lastIndexOf('/', end - 1);
        if (slash < 0) {
            return ".";
        }
        while (slash > 0 && p.charAt(slash - 1) == '/') {
            slash--;
        }
        return slash == 0 ? "/" : p.substring(0, slash);
    }

    /**
     * Writes the UTF-8 of {@code s} into the field, whole characters only; the rest stays zero. Returns node-tar's
     * "needs PAX": not ASCII, or more UTF-16 units than the field has bytes.
     */
    static boolean string(byte[] buf, int offset, int size, String s) {
        ByteArrayOutputStream ch = new ByteArrayOutputStream(4);
        int at = offset;
        for (int i = 0; i < s.length(); ) {
            ch.reset();
            i += JsText.charUtf8(s, i, ch);
            if (at + ch.size() > offset + size) {
                break;
            }
            byte[] bytes = ch.toByteArray();
            System.arraycopy(bytes, 0, buf, at, bytes.length);
            at += bytes.length;
        }
        for (int i = at; i < offset + size; i++) {
            buf[i] = 0;
        }
        return s.length() != JsText.utf8Length(s) || s.length() > size;
    }

    /** Octal with node-tar's padding, or base-256 when it does not fit (which also asks for PAX). */
    static boolean number(byte[] buf, int offset, int size, long value) {
        long max = size == 8 ? MAX_OCTAL_8 : MAX_OCTAL_12;
        if (value > max || value < 0) {
            if (value < 0) {
                throw new IllegalArgumentException("negative tar number " + value);
            }
            buf[offset] = (byte) 0x80;
            long v = value;
            for (int i = offset + size - 1; i > offset; i--) {
                buf[i] = (byte) (v & 0xFF);
                v >>>= 8;
            }
            return true;
        }
        String octal = Long.toOctalString(value);
        String field = octal.length() == size - 1 ? octal + "\0"
                : "0".repeat(Math.max(0, size - octal.length() - 2)) + octal + " \0";
        byte[] bytes = field.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, buf, offset, Math.min(size, bytes.length));
        return false;
    }
}
