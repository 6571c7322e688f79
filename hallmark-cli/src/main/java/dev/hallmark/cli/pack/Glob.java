package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One ignore rule as npm's file walker (ignore-walk 8) compiles it: minimatch 10 with {@code matchBase}, {@code dot},
 * {@code flipNegate} and {@code nocase}. A leading {@code !} (any odd number of them) makes it a re-inclusion rule,
 * braces expand to alternatives, and a rule without a slash is matched against the base name.
 *
 * <p>{@link #matches} answers as minimatch's {@code match(path, partial)} does with {@code flipNegate}: whether the
 * pattern matches, whatever its negation. {@link #relative()} is ignore-walk's "relative rule" test (a one-segment
 * alternative, or {@code x/}), which lets a rule also match a directory's base name from a deeper walker.
 */
final class Glob {
    /** minimatch rejects longer patterns. */
    static final int MAX_PATTERN_LENGTH = 64 * 1024;

    private final String source;
    private final boolean negate;
    private final boolean comment;
    private final List<List<GlobPart>> alternatives; // null for the empty pattern
    private final boolean relative;

    private Glob(String source, boolean negate, boolean comment, List<List<GlobPart>> alternatives, boolean relative) {
        this.source = source;
        this.negate = negate;
        this.comment = comment;
        this.alternatives = alternatives;
        this.relative = relative;
    }

    static Glob compile(String pattern) throws PackException {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new PackException(Reason.UNSUPPORTED_PATTERN, "pattern is longer than " + MAX_PATTERN_LENGTH);
        }
        if (pattern.startsWith("#")) {
            return new Glob(pattern, false, true, List.of(), false);
        }
        if (pattern.isEmpty()) {
            // minimatch: an empty pattern matches only the empty string; ignore-walk never produces one
            return new Glob(pattern, false, false, null, false);
        }
        int bangs = 0;
        while (bangs < pattern.length() && pattern.charAt(bangs) == '!') {
            bangs++;
        }
        boolean negate = bangs % 2 == 1;
        String body = pattern.substring(bangs);
        List<List<String>> globParts = new ArrayList<>();
        for (String expanded : new LinkedHashSet<>(BraceExpansion.expand(body))) {
            globParts.add(collapse(slashSplit(expanded)));
        }
        boolean relative = false;
        List<List<GlobPart>> alternatives = new ArrayList<>();
        for (List<String> parts : globParts) {
            boolean endsEmpty = parts.get(parts.size() - 1).isEmpty();
            relative |= parts.size() <= (endsEmpty ? 2 : 1);
            List<GlobPart> compiled = new ArrayList<>(parts.size());
            for (String part : parts) {
                compiled.add(GlobPart.compile(part));
            }
            alternatives.add(List.copyOf(compiled));
        }
        return new Glob(pattern, negate, false, List.copyOf(alternatives), relative);
    }

    String source() {
        return source;
    }

    boolean negate() {
        return negate;
    }

    boolean relative() {
        return relative;
    }

    boolean matches(String path) {
        return matches(Subject.of(path), false);
    }

    boolean matches(String path, boolean partial) {
        return matches(Subject.of(path), partial);
    }

    /** A path split once, to be matched against many rules. */
    record Subject(String path, List<String> segments, List<String> filename) {
        static Subject of(String path) {
            List<String> segments = List.copyOf(slashSplit(path));
            String filename = "";
            for (int i = segments.size() - 1; i >= 0 && filename.isEmpty(); i--) {
                filename = segments.get(i);
            }
            return new Subject(path, segments, List.of(filename));
        }
    }

    boolean matches(Subject subject, boolean partial) {
        if (comment) {
            return false;
        }
        if (alternatives == null) {
            return subject.path().isEmpty();
        }
        if (partial && subject.path().equals("/")) {
            return true;
        }
        for (List<GlobPart> pattern : alternatives) {
            // matchBase: a pattern without a slash is matched against the base name
            List<String> file = pattern.size() == 1 ? subject.filename() : subject.segments();
            if (GlobMatch.matchOne(file, pattern, partial)) {
                return true;
            }
        }
        return false;
    }

    /** {@code split(/\/+/)}: runs of slashes separate; leading and trailing slashes give empty segments. */
    static List<String> slashSplit(String path) {
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) == '/') {
                parts.add(path.substring(start, i));
                while (i < path.length() && path.charAt(i) == '/') {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        parts.add(path.substring(start));
        return parts;
    }

    /** minimatch's level-one optimisation: adjacent {@code **} collapse and {@code x/..} cancels. */
    private static List<String> collapse(List<String> parts) {
        List<String> out = new ArrayList<>(parts.size());
        for (String part : parts) {
            String prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (part.equals("**") && "**".equals(prev)) {
                continue;
            }
            if (part.equals("..") && prev != null && !prev.isEmpty() && !prev.equals("..") && !prev.equals(".")
                    && !prev.equals("**")) {
                out.remove(out.size() - 1);
                continue;
            }
            out.add(part);
        }
        return out.isEmpty() ? List.of("") : out;
    }

    @Override
    public String toString() {
        return source;
    }
}
