package dev.hallmark.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the form Rekor stores entry bodies in and signs Signed Entry Timestamps
 * over (sigstore.md §3.2, §3.3), and the form sigstore-js hashes intoto envelopes in.
 *
 * <ul>
 *   <li>object members sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3), which is exactly
 *       {@link String#compareTo};</li>
 *   <li>strings escaped as ECMAScript's JSON.stringify does: only {@code "}, {@code \}, and control characters, with
 *       the short forms {@code \b \f \n \r \t} and otherwise {@code \}{@code u00xx} in lower case (§3.2.2.2); lone
 *       surrogates are an error;</li>
 *   <li>numbers as IEEE 754 doubles printed by the ECMAScript Number-to-String algorithm (§3.2.2.3), for which the
 *       erdtman library's implementation is used;</li>
 *   <li>no whitespace, UTF-8 output.</li>
 * </ul>
 */
public final class CanonicalJson {
    private static final CanonicalForm FORM = new CanonicalForm("JCS", String::compareTo, CanonicalJson::writeString,
            (node, out) -> out.append(number(node)));

    /** Inputs to {@link #canonicalize(byte[])} beyond this are rejected; Rekor bodies are at most 1 MiB in practice. */
    public static final int MAX_INPUT = 16 * 1024 * 1024;

    private CanonicalJson() {
    }

    /**
     * Canonicalizes a tree. Throws {@link IllegalArgumentException} for values JCS cannot represent (NaN, infinities,
     * lone surrogates, binary or POJO nodes); trees from {@link Json#parse} never hold NaN or infinities.
     */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder();
        FORM.write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses untrusted JSON strictly ({@link Json#parse}) and canonicalizes it. */
    public static byte[] canonicalize(byte[] json) throws FormatException {
        JsonNode node = Json.parse(json, MAX_INPUT);
        try {
            return canonicalize(node);
        } catch (IllegalArgumentException e) {
            throw new FormatException("JSON cannot be canonicalized: " + e.getMessage());
        }
    }

    private static String number(JsonNode node) {
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JCS cannot represent " + node.asText());
        }
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("JCS cannot represent " + value, e);
        }
    }

    /**
     * Quotes a string exactly as ECMAScript's JSON.stringify does (ES2019 "well-formed" form, which escapes a lone
     * surrogate as a lower-case {@code \}{@code udxxx}); for JSON text that must match what a JavaScript client wrote.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(s, out, true);
        return out.toString();
    }

    private static void writeString(String s, StringBuilder out) {
        writeString(s, out, false);
    }

    /** ECMAScript JSON.stringify string quoting (RFC 8785 §3.2.2.2); JCS itself rejects lone surrogates. */
    private static void writeString(String s, StringBuilder out, boolean escapeLoneSurrogates) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) && escapeLoneSurrogates) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate in string");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
