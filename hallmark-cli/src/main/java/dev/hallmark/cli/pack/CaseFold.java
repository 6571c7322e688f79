package dev.hallmark.cli.pack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The character canonicalisation of an ECMAScript regular expression with the {@code i} flag (ECMA-262
 * Canonicalize): without {@code u}, a UTF-16 unit maps to its upper case when that is one unit and does not turn a
 * non-ASCII unit into ASCII; with {@code u}, a code point maps to its simple case fold. minimatch matches every ignore
 * rule case-insensitively (npm sets {@code nocase}), so this decides, for example, whether {@code ſ} matches {@code s}.
 */
final class CaseFold {
    private static final char[] UNIT_TABLE = buildUnitTable();
    private static final Map<Integer, int[]> UNIT_CLASSES = classes(false);

    /** Built on first use: only patterns with POSIX classes match by code point. */
    private static final class CodePointClasses {
        static final Map<Integer, int[]> CLASSES = classes(true);
    }

    private CaseFold() {
    }

    private static char[] buildUnitTable() {
        char[] table = new char[0x10000];
        for (int c = 0; c < table.length; c++) {
            table[c] = (char) c;
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String upper = String.valueOf((char) c).toUpperCase(Locale.ROOT);
            if (upper.length() == 1) {
                char u = upper.charAt(0);
                if (!(c >= 128 && u < 128)) {
                    table[c] = u;
                }
            }
        }
        return table;
    }

    /** Canonical form of a UTF-16 unit under {@code /i}. */
    static int unit(int c) {
        return UNIT_TABLE[c];
    }

    /** Canonical form of a code point under {@code /iu} (simple case folding, approximated by upper-then-lower). */
    static int codePoint(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    static int fold(int symbol, boolean unicode) {
        return unicode ? codePoint(symbol) : unit(symbol);
    }

    /** Every symbol with the same canonical form as {@code symbol} (itself included). */
    static int[] equivalents(int symbol, boolean unicode) {
        int[] members = (unicode ? CodePointClasses.CLASSES : UNIT_CLASSES).get(fold(symbol, unicode));
        return members != null ? members : new int[] {symbol};
    }

    /** The case-equivalence classes with more than one member, keyed by canonical form. */
    private static Map<Integer, int[]> classes(boolean unicode) {
        int universe = unicode ? Character.MAX_CODE_POINT + 1 : 0x10000;
        Map<Integer, List<Integer>> byFold = new HashMap<>();
        for (int s = 0; s < universe; s++) {
            int f = fold(s, unicode);
            if (f != s) {
                byFold.computeIfAbsent(f, k -> new ArrayList<>()).add(s);
            }
        }
        Map<Integer, int[]> classes = new HashMap<>();
        for (Map.Entry<Integer, List<Integer>> e : byFold.entrySet()) {
            List<Integer> members = e.getValue();
            int f = e.getKey();
            if (fold(f, unicode) == f) {
                members.add(f);
            }
            classes.put(f, members.stream().mapToInt(Integer::intValue).toArray());
        }
        return Map.copyOf(classes);
    }
}
