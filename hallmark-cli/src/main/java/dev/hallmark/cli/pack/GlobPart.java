package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code /}-separated segment of a compiled glob, with minimatch 10's semantics under the options npm uses
 * ({@code dot}, {@code nocase}): {@code **}, an exact string, one of minimatch's shortcut tests (which it uses instead
 * of the regular expression for {@code *}, {@code *.ext}, {@code ??}, {@code *.*} and {@code .*}, and which differ
 * from it in small ways that are kept here), or a case-insensitive wildcard match.
 */
sealed interface GlobPart {
    /** {@code **}: any number of segments. */
    record Globstar() implements GlobPart {
    }

    /** A segment without magic: compared exactly (minimatch only does so when case cannot matter). */
    record Exact(String text) implements GlobPart {
    }

    /** A segment matched by a predicate on the whole file-name segment. */
    record Test(String source, java.util.function.Predicate<String> test) implements GlobPart {
    }

    /** {@code dot: true} shortcut shapes, checked on the raw segment before anything else. */
    Pattern STARS = Pattern.compile("\\*+");
    Pattern STAR_EXT = Pattern.compile("\\*+([^+@!?*\\[(]*)");
    Pattern QMARKS = Pattern.compile("\\?+([^+@!?*\\[(]*)?");
    Pattern STAR_DOT_STAR = Pattern.compile("\\*+\\.\\*+");
    Pattern DOT_STAR = Pattern.compile("\\.\\*+");

    /** Compiles one segment of a pattern that has already been brace-expanded and split. */
    static GlobPart compile(String part) throws PackException {
        if (part.equals("**")) {
            return new Globstar();
        }
        if (part.isEmpty()) {
            return new Exact("");
        }
        rejectExtglob(part);
        GlobPart parsed = parseWildcards(part);
        Matcher m;
        if (STARS.matcher(part).matches()) {
            return new Test(part, f -> !f.isEmpty() && !f.equals(".") && !f.equals(".."));
        } else if ((m = STAR_EXT.matcher(part)).matches()) {
            String ext = m.group(1).toLowerCase(Locale.ROOT);
            return new Test(part, f -> f.toLowerCase(Locale.ROOT).endsWith(ext));
        } else if ((m = QMARKS.matcher(part)).matches()) {
            int length = part.length();
            String ext = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            return new Test(part, f -> f.length() == length && !f.equals(".") && !f.equals("..")
                    && (ext.isEmpty() || f.toLowerCase(Locale.ROOT).endsWith(ext)));
        } else if (STAR_DOT_STAR.matcher(part).matches()) {
            return new Test(part, f -> !f.equals(".") && !f.equals("..") && f.contains("."));
        } else if (DOT_STAR.matcher(part).matches()) {
            return new Test(part, f -> !f.equals(".") && !f.equals("..") && f.startsWith("."));
        }
        return parsed;
    }

    /**
     * Extglobs ({@code +(a|b)}, {@code !(x)}, …) are refused rather than reimplemented: no real ignore file needs
     * them, and minimatch's translation of them has many special cases. Detection follows minimatch's scan (escapes
     * and bracket expressions hide the opening).
     */
    private static void rejectExtglob(String part) throws PackException {
        boolean escaping = false;
        boolean inClass = false;
        int classStart = -1;
        boolean classNegated = false;
        for (int i = 0; i < part.length(); ) {
            char c = part.charAt(i++);
            if (escaping || c == '\\') {
                escaping = !escaping;
                continue;
            }
            if (inClass) {
                if (i == classStart + 1) {
                    classNegated = c == '^' || c == '!';
                } else if (c == ']' && !(i == classStart + 2 && classNegated)) {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                classStart = i;
                classNegated = false;
                continue;
            }
            if ("!?+*@".indexOf(c) >= 0 && i < part.length() && part.charAt(i) == '(') {
                throw new PackException(Reason.UNSUPPORTED_PATTERN, "extglob patterns are not supported: " + part);
            }
        }
    }

    /** The wildcard tokens of a segment: literals, {@code ?}, {@code *} and classes. */
    private static GlobPart parseWildcards(String glob) throws PackException {
        List<Object> tokens = new ArrayList<>(); // Integer literal unit, ANY, STAR, GlobClass.Set, or POISON
        boolean magic = false;
        boolean unicode = false;
        boolean escaping = false;
        boolean inStar = false;
        boolean escapedBang = false;
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (escaping) {
                escaping = false;
                if (c == '|') {
                    // minimatch leaves an escaped | unescaped in its regular expression, where it means alternation
                    throw new PackException(Reason.UNSUPPORTED_PATTERN, "an escaped | is not supported: " + glob);
                }
                escapedBang |= c == '!';
                tokens.add((int) c);
                literal.append(c);
                continue;
            }
            if (c == '*') {
                if (!inStar) {
                    inStar = true;
                    tokens.add(Token.STAR);
                    magic = true;
                }
                continue;
            }
            inStar = false;
            if (c == '\\') {
                if (i == glob.length() - 1) {
                    tokens.add((int) '\\');
                    literal.append('\\');
                } else {
                    escaping = true;
                }
                continue;
            }
            if (c == '[') {
                GlobClass.Parsed cls = GlobClass.parse(glob, i);
                if (cls.consumed() > 0) {
                    i += cls.consumed() - 1;
                    switch (cls) {
                        case GlobClass.Poison p -> {
                            tokens.add(Token.POISON);
                            magic = true;
                        }
                        case GlobClass.Single s -> {
                            tokens.add((int) s.c());
                            literal.append(s.c());
                        }
                        case GlobClass.Set set -> {
                            tokens.add(set);
                            magic = true;
                            unicode |= set.unicode();
                        }
                        case GlobClass.NotAClass n -> throw new IllegalStateException("consumed an unterminated class");
                    }
                    continue;
                }
            }
            if (c == '?') {
                tokens.add(Token.ANY);
                magic = true;
                continue;
            }
            tokens.add((int) c);
            literal.append(c);
        }
        if (!magic && glob.toUpperCase(Locale.ROOT).equals(glob.toLowerCase(Locale.ROOT))) {
            return new Exact(literal.toString());
        }
        if (unicode) {
            checkUnicodeEscapes(glob, tokens, escapedBang);
        }
        boolean guard = needsTraversalGuard(tokens);
        WildcardMatcher matcher = WildcardMatcher.of(tokens, unicode);
        return new Test(glob, f -> !(guard && (f.equals(".") || f.equals(".."))) && matcher.matches(f));
    }

    /**
     * With the {@code u} flag (set by POSIX classes) minimatch's escaping of {@code - , #}, whitespace and an escaped
     * {@code !} becomes a regular-expression syntax error, so npm fails on such a pattern; refuse it too.
     */
    private static void checkUnicodeEscapes(String glob, List<Object> tokens, boolean escapedBang)
            throws PackException {
        if (escapedBang) {
            throw new PackException(Reason.UNSUPPORTED_PATTERN, "npm cannot compile this pattern: " + glob);
        }
        for (Object t : tokens) {
            if (t instanceof Integer c && (c == '-' || c == ',' || c == '#' || JsText.isJsWhitespace((char) (int) c))) {
                throw new PackException(Reason.UNSUPPORTED_PATTERN, "npm cannot compile this pattern: " + glob);
            }
        }
    }

    /**
     * minimatch prefixes a segment's expression with "not . or .." when it starts with a wildcard or class, or with a
     * literal dot (or two) followed by one.
     */
    private static boolean needsTraversalGuard(List<Object> tokens) {
        int i = 0;
        while (i < tokens.size() && i < 2 && Integer.valueOf('.').equals(tokens.get(i))) {
            i++;
        }
        if (i >= tokens.size()) {
            return false;
        }
        Object t = tokens.get(i);
        boolean bracketStart = t == Token.ANY || t == Token.STAR
                || (t instanceof GlobClass.Set set && (set.ranges().isEmpty() || set.negs().isEmpty()));
        return bracketStart;
    }

    /** Marker tokens. */
    enum Token { ANY, STAR, POISON }

    /** Matches a segment against tokens, case-insensitively, by UTF-16 unit or (unicode) by code point. */
    record WildcardMatcher(Object[] tokens, boolean unicode) {
        static WildcardMatcher of(List<Object> tokenList, boolean unicode) {
            Object[] tokens = new Object[tokenList.size()];
            for (int i = 0; i < tokens.length; i++) {
                Object t = tokenList.get(i);
                if (t instanceof Integer c) {
                    tokens[i] = CaseFold.fold(c, unicode);
                } else if (t instanceof GlobClass.Set set) {
                    tokens[i] = GlobClass.matcher(set, unicode);
                } else {
                    tokens[i] = t;
                }
            }
            return new WildcardMatcher(tokens, unicode);
        }

        boolean matches(String segment) {
            int[] s = unicode ? segment.codePoints().toArray() : units(segment);
            int si = 0;
            int ti = 0;
            int starTi = -1;
            int starSi = 0;
            while (si < s.length) {
                if (ti < tokens.length && tokens[ti] != Token.STAR && one(tokens[ti], s[si])) {
                    si++;
                    ti++;
                } else if (ti < tokens.length && tokens[ti] == Token.STAR) {
                    starTi = ti++;
                    starSi = si;
                } else if (starTi >= 0) {
                    ti = starTi + 1;
                    si = ++starSi;
                } else {
                    return false;
                }
            }
            while (ti < tokens.length && tokens[ti] == Token.STAR) {
                ti++;
            }
            return ti == tokens.length;
        }

        private static int[] units(String segment) {
            int[] units = new int[segment.length()];
            for (int i = 0; i < units.length; i++) {
                units[i] = segment.charAt(i);
            }
            return units;
        }

        private boolean one(Object token, int symbol) {
            if (token instanceof Integer folded) {
                return folded == CaseFold.fold(symbol, unicode);
            }
            if (token == Token.ANY) {
                return symbol != '/';
            }
            if (token instanceof IntPredicate cls) {
                return cls.test(symbol);
            }
            return false; // POISON
        }
    }
}
