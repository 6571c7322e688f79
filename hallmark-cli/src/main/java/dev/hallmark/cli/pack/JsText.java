package dev.hallmark.cli.pack;

import java.io.ByteArrayOutputStream;

/**
 * The few JavaScript string operations whose Java look-alikes differ: {@code String.prototype.trim} (ECMAScript's
 * whitespace set, which includes U+FEFF and U+00A0, unlike {@link String#strip}) and Node's UTF-8 encoding, which
 * writes an unpaired surrogate as U+FFFD where {@link String#getBytes} writes {@code ?}.
 */
final class JsText {
    private JsText() {
    }

    /** ECMAScript WhiteSpace or LineTerminator (ECMA-262 §12.2, §12.3). */
    static boolean isJsWhitespace(char c) {
        return switch (c) {
            case '\t', '\u000B', '\f', ' ', '\u00A0', '\uFEFF', '\n', '\r', '\u2028', '\u2029' -> true;
            default -> Character.getType(c) == Character.SPACE_SEPARATOR;
        };
    }

    /** {@code String.prototype.trim}. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code Buffer.byteLength(s, 'utf8')}: an unpaired surrogate counts as the three bytes of U+FFFD. */
    static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** UTF-8 as Node's {@code Buffer.from(s)} encodes it. */
    static byte[] utf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int n = charUtf8(s, i, out);
            i += n;
        }
        return out.toByteArray();
    }

    /**
     * Appends the UTF-8 bytes of the character at {@code index} and returns how many UTF-16 units it used (1 or 2).
     */
    static int charUtf8(String s, int index, ByteArrayOutputStream out) {
        char c = s.charAt(index);
        int cp = c;
        int units = 1;
        if (Character.isHighSurrogate(c) && index + 1 < s.length() && Character.isLowSurrogate(s.charAt(index + 1))) {
            cp = Character.toCodePoint(c, s.charAt(index + 1));
            units = 2;
        } else if (Character.isSurrogate(c)) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
        return units;
    }
}
