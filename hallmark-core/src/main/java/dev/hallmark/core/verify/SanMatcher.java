package dev.hallmark.core.verify;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a certificate's subject alternative name must look. Exact match is the default; a regular expression must match
 * the whole SAN (unlike sigstore-js, whose unanchored match lets {@code acme/widget} match {@code evil/acme/widget2}).
 */
public sealed interface SanMatcher {
    boolean matches(String san);

    record Exact(String value) implements SanMatcher {
        public Exact {
            Objects.requireNonNull(value, "value");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty identity");
            }
        }

        @Override
        public boolean matches(String san) {
            return value.equals(san);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    record Regex(Pattern pattern) implements SanMatcher {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean matches(String san) {
            return pattern.matcher(san).matches();
        }

        @Override
        public String toString() {
            return "/" + pattern.pattern() + "/";
        }
    }
}
