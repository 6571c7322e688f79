package dev.hallmark.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The "OLPC" canonical JSON that TUF signs over (securesystemslib {@code encode_canonical}; sigstore.md §7.3): object
 * keys sorted by Unicode code point, no whitespace, strings with only {@code "} and {@code \} escaped (newlines inside
 * PEM keys stay raw), integers only, UTF-8 output.
 *
 * <p>This is not JCS: JCS escapes control characters and sorts by UTF-16 code units; TUF key IDs and root signatures
 * only reproduce with this form.
 */
public final class OlpcCanonicalJson {
    private static final CanonicalForm FORM = new CanonicalForm("OLPC canonical JSON", OlpcCanonicalJson::compareCodePoints,
            OlpcCanonicalJson::writeString, OlpcCanonicalJson::writeNumber);

    private OlpcCanonicalJson() {
    }

    /** Throws {@link IllegalArgumentException} for floating-point numbers, which the form does not allow. */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder();
        FORM.write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeNumber(JsonNode node, StringBuilder out) {
        if (!node.isIntegralNumber()) {
            throw new IllegalArgumentException("OLPC canonical JSON allows integers only, not " + node);
        }
        out.append(node.bigIntegerValue().toString());
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Python sorts str keys by code point; for keys outside the BMP that differs from UTF-16 order. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
