package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bash-style brace expansion as minimatch 10 applies it to every ignore rule and {@code files} entry before matching
 * ({@code a{b,c}d}, {@code {1..3}}, {@code {a..e..2}}), including the bash quirks npm inherits: a leading {@code {}} is
 * literal, {@code ${…}} is literal, empty results of a top-level comma set are dropped, and the escapes {@code \\},
 * {@code \{}, {@code \}}, {@code \,} and {@code \.} lose their backslash once a pattern has a brace set at all.
 *
 * <p>npm caps an expansion at 100,000 results; this one refuses anything above {@link #MAX_RESULTS} instead, so no
 * input makes it allocate much (fail closed: no real ignore file needs more).
 */
final class BraceExpansion {
    static final int MAX_RESULTS = 4096;
    private static final int MAX_TOTAL_CHARS = 1 << 20;

    // Placeholders for escaped characters while expanding. They are Unicode noncharacters, and patterns that contain
    // them are refused, so they cannot collide with input.
    private static final char ESC_SLASH = '\uFDD0';
    private static final char ESC_OPEN = '\uFDD1';
    private static final char ESC_CLOSE = '\uFDD2';
    private static final char ESC_COMMA = '\uFDD3';
    private static final char ESC_PERIOD = '\uFDD4';

    private static final Pattern NUMERIC_SEQUENCE = Pattern.compile("-?\\d+\\.\\.-?\\d+(?:\\.\\.-?\\d+)?");
    private static final Pattern ALPHA_SEQUENCE = Pattern.compile("[a-zA-Z]\\.\\.[a-zA-Z](?:\\.\\.-?\\d+)?");
    // a comma not followed by another comma, then (on the same line) a closing brace
    private static final Pattern COMMA_THEN_CLOSE = Pattern.compile(",(?!,)[^\\n\\r\\u2028\\u2029]*}");
    private static final Pattern PADDED = Pattern.compile("^-?0\\d");

    private BraceExpansion() {
    }

    /** The patterns {@code pattern} expands to; the pattern itself when it has no {@code {…}} set. */
    static List<String> expand(String pattern) throws PackException {
        if (!hasBraceSet(pattern)) {
            return List.of(pattern);
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c >= ESC_SLASH && c <= ESC_PERIOD) {
                throw new PackException(Reason.UNSUPPORTED_PATTERN, "pattern contains a Unicode noncharacter: " + pattern);
            }
        }
        String str = pattern;
        if (str.startsWith("{}")) {
            str = "\\{\\}" + str.substring(2);
        }
        List<String> expanded = new BraceExpansion.Run().expand(escape(str), true);
        List<String> result = new ArrayList<>(expanded.size());
        for (String s : expanded) {
            result.add(unescape(s));
        }
        return result;
    }

    /** minimatch's shortcut: a {@code {} that a {@code }} closes with no other {@code {} or line break between. */
    private static boolean hasBraceSet(String pattern) {
        int lastOpen = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                lastOpen = i;
            } else if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                lastOpen = -1;
            } else if (c == '}' && lastOpen >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String s) {
        return s.replace("\\\\", String.valueOf(ESC_SLASH))
                .replace("\\{", String.valueOf(ESC_OPEN))
                .replace("\\}", String.valueOf(ESC_CLOSE))
                .replace("\\,", String.valueOf(ESC_COMMA))
                .replace("\\.", String.valueOf(ESC_PERIOD));
    }

    private static String unescape(String s) {
        return s.replace(ESC_SLASH, '\\')
                .replace(ESC_OPEN, '{')
                .replace(ESC_CLOSE, '}')
                .replace(ESC_COMMA, ',')
                .replace(ESC_PERIOD, '.');
    }

    /** The first balanced {@code {…}} pair as the balanced-match package finds it, or null. */
    private record Balanced(String pre, String body, String post) {
        static Balanced find(String str) {
            int open = str.indexOf('{');
            int close = str.indexOf('}', open + 1);
            if (open < 0 || close <= 0) {
                return null;
            }
            Deque<Integer> opens = new ArrayDeque<>();
            int left = str.length();
            int right = -1;
            int[] result = null;
            int i = open;
            while (i >= 0 && result == null) {
                if (i == open) {
                    opens.push(i);
                    open = str.indexOf('{', i + 1);
                } else if (opens.size() == 1) {
                    result = new int[] {opens.pop(), close};
                } else {
                    Integer begin = opens.poll();
                    if (begin != null && begin < left) {
                        left = begin;
                        right = close;
                    }
                    close = str.indexOf('}', i + 1);
                }
                i = open < close && open >= 0 ? open : close;
            }
            if (result == null && !opens.isEmpty() && right >= 0) {
                result = new int[] {left, right};
            }
            if (result == null) {
                return null;
            }
            return new Balanced(str.substring(0, result[0]), str.substring(result[0] + 1, result[1]),
                    str.substring(result[1] + 1));
        }
    }

    /** One expansion, counting what it produces against the limits. */
    private static final class Run {
        private long produced;

        List<String> expand(String input, boolean isTop) throws PackException {
            String str = input;
            boolean top = isTop;
            List<String> acc = List.of("");
            boolean dropEmpties = false;
            boolean firstGroup = true;
            while (true) {
                Balanced m = Balanced.find(str);
                if (m == null) {
                    return combine(acc, str, List.of(""), dropEmpties);
                }
                String pre = m.pre();
                if (pre.endsWith("$")) {
                    acc = combine(acc, pre + "{" + m.body() + "}", List.of(""), dropEmpties && m.post().isEmpty());
                    firstGroup = false;
                    if (m.post().isEmpty()) {
                        break;
                    }
                    str = m.post();
                    continue;
                }
                boolean numeric = NUMERIC_SEQUENCE.matcher(m.body()).matches();
                boolean alpha = ALPHA_SEQUENCE.matcher(m.body()).matches();
                boolean sequence = numeric || alpha;
                boolean options = m.body().indexOf(',') >= 0;
                if (!sequence && !options) {
                    if (COMMA_THEN_CLOSE.matcher(m.post()).find()) {
                        // "{a},b}": the first close brace is literal; look again
                        str = m.pre() + "{" + m.body() + ESC_CLOSE + m.post();
                        top = true;
                        continue;
                    }
                    return combine(acc, pre + "{" + m.body() + "}" + m.post(), List.of(""), dropEmpties);
                }
                if (firstGroup) {
                    dropEmpties = top && !sequence;
                    firstGroup = false;
                }
                List<String> values;
                if (sequence) {
                    values = sequence(m.body(), alpha);
                } else {
                    List<String> parts = commaParts(m.body());
                    if (parts.size() == 1) {
                        List<String> inner = expand(parts.get(0), false);
                        parts = new ArrayList<>(inner.size());
                        for (String s : inner) {
                            parts.add("{" + s + "}");
                        }
                        if (parts.size() == 1) {
                            acc = combine(acc, pre + parts.get(0), List.of(""), dropEmpties && m.post().isEmpty());
                            if (m.post().isEmpty()) {
                                break;
                            }
                            str = m.post();
                            continue;
                        }
                    }
                    boolean skipEmpty = dropEmpties && m.post().isEmpty() && pre.isEmpty();
                    for (String a : acc) {
                        if (!a.isEmpty()) {
                            skipEmpty = false;
                            break;
                        }
                    }
                    values = new ArrayList<>();
                    for (String part : parts) {
                        for (String v : expand(part, false)) {
                            if (skipEmpty && v.isEmpty()) {
                                continue;
                            }
                            values.add(count(v));
                        }
                    }
                }
                acc = combine(acc, pre, values, dropEmpties && m.post().isEmpty());
                if (m.post().isEmpty()) {
                    break;
                }
                str = m.post();
            }
            return acc;
        }

        private List<String> combine(List<String> acc, String pre, List<String> values, boolean dropEmpties)
                throws PackException {
            List<String> out = new ArrayList<>();
            for (String a : acc) {
                for (String v : values) {
                    String expansion = a + pre + v;
                    if (dropEmpties && expansion.isEmpty()) {
                        continue;
                    }
                    out.add(count(expansion));
                    if (out.size() > MAX_RESULTS) {
                        throw tooLarge();
                    }
                }
            }
            return out;
        }

        private String count(String s) throws PackException {
            produced += s.length() + 1;
            if (produced > MAX_TOTAL_CHARS) {
                throw tooLarge();
            }
            return s;
        }

        private List<String> sequence(String body, boolean alpha) throws PackException {
            String[] n = body.split("\\.\\.", -1);
            long x = sequenceValue(n[0]);
            long y = sequenceValue(n[1]);
            int width = Math.max(n[0].length(), n[1].length());
            long step = n.length == 3 ? Math.max(Math.abs(sequenceValue(n[2])), 1) : 1;
            boolean reverse = y < x;
            if (reverse) {
                step = -step;
            }
            boolean pad = false;
            for (String part : n) {
                pad |= PADDED.matcher(part).find();
            }
            List<String> values = new ArrayList<>();
            for (long i = x; reverse ? i >= y : i <= y; i += step) {
                String c;
                if (alpha) {
                    c = i == '\\' ? "" : String.valueOf((char) i);
                } else {
                    c = Long.toString(i);
                    int need = width - c.length();
                    if (pad && need > 0) {
                        String zeros = "0".repeat(need);
                        c = i < 0 ? "-" + zeros + c.substring(1) : zeros + c;
                    }
                }
                values.add(count(c));
                if (values.size() > MAX_RESULTS) {
                    throw tooLarge();
                }
            }
            return values;
        }

        /** JavaScript's {@code parseInt} of a digit run, or the UTF-16 code of a letter. */
        private static long sequenceValue(String s) throws PackException {
            if (!s.isEmpty() && Character.isLetter(s.charAt(0))) {
                return s.charAt(0);
            }
            if (s.length() > 10) {
                throw new PackException(Reason.UNSUPPORTED_PATTERN, "brace sequence bound too large: " + s);
            }
            return Long.parseLong(s);
        }

        /** Splits a brace body on the commas that are not inside a nested brace set. */
        private static List<String> commaParts(String str) {
            if (str.isEmpty()) {
                return new ArrayList<>(List.of(""));
            }
            Balanced m = Balanced.find(str);
            if (m == null) {
                return new ArrayList<>(List.of(str.split(",", -1)));
            }
            List<String> parts = new ArrayList<>(List.of(m.pre().split(",", -1)));
            int last = parts.size() - 1;
            parts.set(last, parts.get(last) + "{" + m.body() + "}");
            List<String> postParts = commaParts(m.post());
            if (!m.post().isEmpty()) {
                parts.set(last, parts.get(last) + postParts.remove(0));
                parts.addAll(postParts);
            }
            return parts;
        }

        private static PackException tooLarge() {
            return new PackException(Reason.UNSUPPORTED_PATTERN,
                    "brace expansion produces more than " + MAX_RESULTS + " patterns");
        }
    }
}
