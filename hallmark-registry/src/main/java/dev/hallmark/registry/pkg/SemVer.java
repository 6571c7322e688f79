package dev.hallmark.registry.pkg;

import dev.hallmark.core.FormatException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A SemVer 2.0.0 version in canonical form, as node-semver's {@code valid()} accepts it in strict (non-loose) mode,
 * minus the leniencies that make two texts name one version: no surrounding whitespace, no leading {@code v} or
 * {@code =}. The registry stores versions under their text, so it accepts only the text node-semver would print.
 *
 * <p>Limits are node-semver's: at most {@value #MAX_LENGTH} characters and major, minor and patch at most
 * {@link #MAX_SAFE_INTEGER} (JavaScript's {@code Number.MAX_SAFE_INTEGER}). Numeric prerelease identifiers are not
 * bounded (SemVer §9 sets no bound) and are compared exactly; node-semver compares those beyond 2^53 as doubles.
 *
 * <p>{@link #compareTo} is SemVer §11 precedence and ignores build metadata, so it is inconsistent with
 * {@link #equals}: {@code 1.0.0+a} and {@code 1.0.0+b} compare as equal but are different records.
 */
public record SemVer(long major, long minor, long patch, List<String> prerelease, List<String> build)
        implements Comparable<SemVer> {
    /** node-semver internal/constants.js MAX_LENGTH. */
    public static final int MAX_LENGTH = 256;
    /** Number.MAX_SAFE_INTEGER, node-semver's bound on major, minor and patch. */
    public static final long MAX_SAFE_INTEGER = 9007199254740991L;

    public SemVer {
        Objects.requireNonNull(prerelease, "prerelease");
        Objects.requireNonNull(build, "build");
        prerelease = List.copyOf(prerelease);
        build = List.copyOf(build);
        String problem = numberProblem(major, "major");
        if (problem == null) {
            problem = numberProblem(minor, "minor");
        }
        if (problem == null) {
            problem = numberProblem(patch, "patch");
        }
        for (int i = 0; problem == null && i < prerelease.size(); i++) {
            problem = identifierProblem(prerelease.get(i), true);
        }
        for (int i = 0; problem == null && i < build.size(); i++) {
            problem = identifierProblem(build.get(i), false);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (text(major, minor, patch, prerelease, build).length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version is longer than " + MAX_LENGTH + " characters");
        }
    }

    public static SemVer of(long major, long minor, long patch) {
        return new SemVer(major, minor, patch, List.of(), List.of());
    }

    /** Parses the canonical text {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]} (SemVer 2.0.0 §2, §9, §10). */
    public static SemVer parse(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("no version");
        }
        if (text.length() > MAX_LENGTH) {
            throw new FormatException("version is longer than " + MAX_LENGTH + " characters");
        }
        if (text.isEmpty()) {
            throw new FormatException("version is empty");
        }
        char first = text.charAt(0);
        if (first == 'v' || first == 'V' || first == '=') {
            throw new FormatException("version must be canonical, without a leading '" + first + "'");
        }
        String rest = text;
        List<String> build = List.of();
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            build = identifiers(rest.substring(plus + 1), false, "build metadata");
            rest = rest.substring(0, plus);
        }
        List<String> prerelease = List.of();
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            prerelease = identifiers(rest.substring(dash + 1), true, "prerelease");
            rest = rest.substring(0, dash);
        }
        String[] core = rest.split("\\.", -1);
        if (core.length != 3) {
            throw new FormatException("version must have the form MAJOR.MINOR.PATCH: " + text);
        }
        return new SemVer(number(core[0], "major"), number(core[1], "minor"), number(core[2], "patch"),
                prerelease, build);
    }

    /**
     * node-semver {@code clean(text)} in strict mode, which npm publish applies to package.json's version
     * (libnpmpublish lib/publish.js): surrounding whitespace and leading {@code =}/{@code v} are dropped, and so is
     * build metadata. Use it to compare a tarball's package.json version with the version being published.
     */
    public static SemVer clean(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("no version");
        }
        String stripped = jsTrim(text);
        int i = 0;
        while (i < stripped.length() && (stripped.charAt(i) == '=' || stripped.charAt(i) == 'v')) {
            i++;
        }
        stripped = stripped.substring(i);
        if (stripped.length() > MAX_LENGTH) {
            throw new FormatException("version is longer than " + MAX_LENGTH + " characters");
        }
        // node-semver's constructor trims again and its strict grammar allows one more 'v' ("v?MAJOR...").
        stripped = jsTrim(stripped);
        if (stripped.startsWith("v")) {
            stripped = stripped.substring(1);
        }
        return parse(stripped).withoutBuild();
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    public SemVer withoutBuild() {
        return build.isEmpty() ? this : new SemVer(major, minor, patch, prerelease, List.of());
    }

    /** SemVer 2.0.0 §11 precedence; build metadata does not count. */
    @Override
    public int compareTo(SemVer other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        // §11.3: a version with a prerelease has lower precedence than the same version without one.
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        int shared = Math.min(prerelease.size(), other.prerelease.size());
        for (int i = 0; i < shared; i++) {
            c = compareIdentifiers(prerelease.get(i), other.prerelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        // §11.4.4: a larger set of prerelease fields wins when all the preceding ones are equal.
        return Integer.compare(prerelease.size(), other.prerelease.size());
    }

    /** The canonical text, build metadata included. */
    @Override
    public String toString() {
        return text(major, minor, patch, prerelease, build);
    }

    /** §11.4.1-3: numbers numerically, others in ASCII order, numbers before others. */
    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric && bNumeric) {
            // No leading zeros (§9), so the longer number is the larger one.
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static String text(long major, long minor, long patch, List<String> prerelease, List<String> build) {
        StringBuilder s = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!prerelease.isEmpty()) {
            s.append('-').append(String.join(".", prerelease));
        }
        if (!build.isEmpty()) {
            s.append('+').append(String.join(".", build));
        }
        return s.toString();
    }

    private static List<String> identifiers(String text, boolean prerelease, String what) throws FormatException {
        List<String> ids = Arrays.asList(text.split("\\.", -1));
        for (String id : ids) {
            String problem = identifierProblem(id, prerelease);
            if (problem != null) {
                throw new FormatException(what + ": " + problem);
            }
        }
        return ids;
    }

    /** §9 (prerelease) and §10 (build): non-empty [0-9A-Za-z-]; numeric prerelease identifiers without leading zeros. */
    private static String identifierProblem(String id, boolean prerelease) {
        if (id == null || id.isEmpty()) {
            return "identifiers must not be empty";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
            if (!allowed) {
                return "identifier '" + id + "' may contain only ASCII letters, digits and hyphens";
            }
        }
        if (prerelease && id.length() > 1 && id.charAt(0) == '0' && isNumeric(id)) {
            return "numeric identifier '" + id + "' must not have leading zeros";
        }
        return null;
    }

    private static long number(String text, String what) throws FormatException {
        if (text.isEmpty() || !isNumeric(text)) {
            throw new FormatException(what + " version must be a number, not '" + text + "'");
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new FormatException(what + " version must not have leading zeros");
        }
        if (text.length() > 16 || Long.parseLong(text) > MAX_SAFE_INTEGER) {
            throw new FormatException(what + " version is larger than " + MAX_SAFE_INTEGER);
        }
        return Long.parseLong(text);
    }

    private static String numberProblem(long value, String what) {
        return value < 0 || value > MAX_SAFE_INTEGER ? what + " version must be in [0, " + MAX_SAFE_INTEGER + "]" : null;
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** String.prototype.trim: ECMAScript WhiteSpace and LineTerminator, which include U+00A0 and U+FEFF. */
    private static String jsTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isJsSpace(char c) {
        if (c >= '\u001C' && c <= '\u001F') {
            return false; // Java's whitespace, not ECMAScript's
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
