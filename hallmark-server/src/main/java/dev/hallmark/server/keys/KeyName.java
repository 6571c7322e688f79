package dev.hallmark.server.keys;

import java.util.Objects;

/**
 * The name of a managed key, such as {@code log-checkpoint} or {@code ca-root}. Restricted to a safe alphabet
 * because it becomes a file name ({@code keys/<name>.pem}) and, in other implementations, a KMS alias.
 */
public record KeyName(String value) {
    public KeyName {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("key names are 1..63 of [a-z0-9-], starting with a letter or digit: " + value);
        }
    }

    public static KeyName of(String value) {
        return new KeyName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
