package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/** Lexical rules shared by the C2SP signed-note codecs, and the key encodings the key IDs hash. */
final class NoteFormat {
    /** Upper bound on a whole note, in UTF-8 bytes; generous for checkpoints with many post-quantum signatures. */
    static final int MAX_NOTE_BYTES = 1 << 20;
    /** signed-note: verifiers must accept at least 16 signature lines and should bound them. */
    static final int MAX_SIGNATURES = 100;
    /** U+2014 EM DASH and a space open every signature line (signed-note "Format"). */
    static final String SIGNATURE_PREFIX = "\u2014 ";

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private NoteFormat() {
    }

    /** signed-note: key names are non-empty and contain no Unicode space, no '+', and (note-wide) no control chars. */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || !isWellFormedUtf16(name)) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> cp == '+' || cp < 0x20 || cp == 0x7f || cp == 0x85
                || Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }

    /** Null when the text is a valid note text, else why not: ends in '\n', no control char but '\n', valid UTF-16. */
    static String textProblem(String text) {
        if (text == null || text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            return "note text must end with a newline";
        }
        if (!isWellFormedUtf16(text)) {
            return "note text is not valid Unicode";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return "note text contains a control character";
            }
        }
        return null;
    }

    static boolean isWellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Standard padded base64 in its one canonical spelling, so that re-encoding reproduces the input exactly. */
    static Bytes base64(String text) throws FormatException {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid base64");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new FormatException("non-canonical base64");
        }
        return Bytes.of(decoded);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Bytes sha256(byte[]... parts) {
        return HashAlgorithm.SHA2_256.digest(parts).value();
    }

    /** The big-endian u32 at {@code offset}. */
    static int u32(Bytes b, int offset) {
        return (b.get(offset) & 0xff) << 24 | (b.get(offset + 1) & 0xff) << 16 | (b.get(offset + 2) & 0xff) << 8
                | (b.get(offset + 3) & 0xff);
    }

    static byte[] u32Bytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The 32-byte RFC 8032 encoding of an Ed25519 public key, which the signed-note key IDs hash. */
    static Bytes rawEd25519(PublicKey key) throws FormatException {
        Bytes spki = Keys.spki(key);
        if (spki.length() != ED25519_SPKI_PREFIX.length + 32 || !spki.startsWith(Bytes.of(ED25519_SPKI_PREFIX))) {
            throw new FormatException("not an Ed25519 public key");
        }
        return spki.slice(ED25519_SPKI_PREFIX.length, spki.length());
    }

    static PublicKey ed25519FromRaw(Bytes raw) throws FormatException {
        if (raw.length() != 32) {
            throw new FormatException("Ed25519 public key must be 32 bytes");
        }
        return Keys.publicKeyFromDer(Bytes.of(ED25519_SPKI_PREFIX).concat(raw));
    }

    static String hex8(int keyId) {
        return String.format("%08x", keyId);
    }
}
