package dev.hallmark.registry.upstream;

import java.util.Objects;

/**
 * The bearer token this registry presents to its upstream, read from the file hallmark.yaml names (secrets by file
 * path, STYLE.md). It never prints: {@link #toString} hides it, so it cannot reach a log through a record or message.
 */
public final class UpstreamToken {
    static final int MAX_LENGTH = 4096;
    private final String value;

    private UpstreamToken(String value) {
        this.value = value;
    }

    /** The token text, surrounding whitespace removed; refused if empty, too long or not one header-safe line. */
    public static UpstreamToken of(String text) {
        String token = Objects.requireNonNull(text, "text").strip();
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the upstream token must be 1.." + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) { // RFC 6750 §2.1 b64token is visible ASCII; this also stops header injection
                throw new IllegalArgumentException("the upstream token must be visible ASCII without spaces");
            }
        }
        return new UpstreamToken(token);
    }

    String authorization() {
        return "Bearer " + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpstreamToken t && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                t.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return 0; // equal tokens must hash alike; a constant leaks nothing about the secret
    }

    @Override
    public String toString() {
        return "UpstreamToken[hidden]";
    }
}
