package dev.hallmark.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Percent-decoding of one path segment (RFC 3986 §2.1) into UTF-8 text. Unlike {@code URLDecoder} it leaves
 * {@code +} alone (that is form encoding, not path encoding) and rejects malformed escapes and invalid UTF-8.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Decodes each {@code /}-separated segment of a path remainder and joins them again with {@code /}. */
    static Optional<String> decodeSegments(String path) {
        java.util.StringJoiner out = new java.util.StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            Optional<String> decoded = decode(segment);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            out.add(decoded.get());
        }
        return Optional.of(out.toString());
    }
}
