package dev.hallmark.server.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint path: literal segments, {@code {name}} for one non-empty segment, and a final {@code {name...}} for
 * the non-empty rest of the path (tlog-tiles paths such as {@code /tile/<L>/<N>.p/<W>} vary in depth). Matching
 * splits the still-encoded path on {@code /}, then percent-decodes each parameter (RFC 3986 §2.1, UTF-8), so
 * {@code /{name}} matches {@code /@scope%2fname} with {@code name = "@scope/name"}, as the npm registry API needs.
 */
public record PathPattern(String text, List<Segment> segments) implements Comparable<PathPattern> {
    /** One segment of a pattern; ordered literal, then parameter, then rest, so specific patterns match first. */
    public sealed interface Segment permits Literal, Param, Rest {
    }

    public record Literal(String value) implements Segment {
    }

    public record Param(String name) implements Segment {
    }

    public record Rest(String name) implements Segment {
    }

    public PathPattern {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i) instanceof Rest) {
                throw new IllegalArgumentException("{name...} must be the last segment: " + text);
            }
        }
    }

    public static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("pattern must start with /: " + text);
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : split(text)) {
            if (part.startsWith("{") && part.endsWith("...}")) {
                segments.add(new Rest(name(part.substring(1, part.length() - 4), text)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Param(name(part.substring(1, part.length() - 1), text)));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("malformed pattern segment '" + part + "' in " + text);
            } else {
                segments.add(new Literal(part));
            }
        }
        return new PathPattern(text, segments);
    }

    /** The parameters if {@code path} matches, else empty. */
    public Optional<Map<String, String>> match(String path) {
        String[] parts = split(path);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment instanceof Rest rest) {
                String remainder = String.join("/", Arrays.asList(parts).subList(Math.min(i, parts.length), parts.length));
                if (remainder.isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> decoded = PercentDecoding.decodeSegments(remainder);
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                params.put(rest.name(), decoded.get());
                return Optional.of(params);
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            switch (segment) {
                case Literal literal -> {
                    if (!literal.value().equals(parts[i])) {
                        return Optional.empty();
                    }
                }
                case Param param -> {
                    Optional<String> decoded = PercentDecoding.decode(parts[i]);
                    if (parts[i].isEmpty() || decoded.isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(param.name(), decoded.get());
                }
                case Rest rest -> throw new AssertionError(rest);
            }
        }
        return parts.length == segments.size() ? Optional.of(params) : Optional.empty();
    }

    /** A prefix followed by this pattern, as a route group mounts its endpoints. */
    PathPattern under(String prefix) {
        return prefix.equals("/") ? this : parse(prefix + text);
    }

    @Override
    public int compareTo(PathPattern other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            int c = Integer.compare(rank(segments.get(i)), rank(other.segments.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    private static int rank(Segment segment) {
        return switch (segment) {
            case Literal l -> 0;
            case Param p -> 1;
            case Rest r -> 2;
        };
    }

    private static String[] split(String path) {
        return path.substring(1).split("/", -1);
    }

    private static String name(String name, String text) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad parameter name '" + name + "' in " + text);
        }
        return name;
    }
}
