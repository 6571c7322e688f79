package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A bracket expression ({@code [a-z]}, {@code [!._]}, {@code [[:alpha:]]}) parsed as minimatch 10 parses it: a
 * leading {@code !} or {@code ^} negates, a first {@code ]} is literal, reversed ranges are dropped, a class that can
 * match nothing poisons the whole segment, a class of one plain character is just that character, and the POSIX
 * classes keep minimatch's translations (including {@code [:print:]} meaning control characters, as it does there).
 */
final class GlobClass {
    /** What {@link #parse} found at a {@code [}. */
    sealed interface Parsed permits NotAClass, Poison, Single, Set {
        int consumed();
    }

    /** An unterminated class: the {@code [} is an ordinary character. */
    record NotAClass() implements Parsed {
        @Override
        public int consumed() {
            return 0;
        }
    }

    /** A class that can never match; the segment it is in never matches. */
    record Poison(int consumed) implements Parsed {
    }

    /** A class of exactly one character, which minimatch treats as that literal character. */
    record Single(char c, int consumed) implements Parsed {
    }

    /** A real class: {@code ranges} and the negated POSIX sets in {@code negs}. */
    record Set(List<Item> ranges, List<Item> negs, boolean negate, boolean unicode, int consumed) implements Parsed {
        Set {
            ranges = List.copyOf(ranges);
            negs = List.copyOf(negs);
        }
    }

    /** One member of a class: a code range or a Unicode property set. */
    record Item(int low, int high, IntPredicate property) {
        boolean contains(int symbol) {
            return property != null ? property.test(symbol) : symbol >= low && symbol <= high;
        }
    }

    private record Posix(String name, List<Item> items, boolean unicode, boolean negated) {
    }

    private static final List<Posix> POSIX = List.of(
            new Posix("[:alnum:]", List.of(category(Character.LETTER_NUMBER, Character.DECIMAL_DIGIT_NUMBER)), true, false),
            new Posix("[:alpha:]", List.of(category(Character.LETTER_NUMBER)), true, false),
            new Posix("[:ascii:]", List.of(new Item(0, 0x7F, null)), false, false),
            new Posix("[:blank:]", List.of(type(Character.SPACE_SEPARATOR), new Item('\t', '\t', null)), true, false),
            new Posix("[:cntrl:]", List.of(type(Character.CONTROL)), true, false),
            new Posix("[:digit:]", List.of(type(Character.DECIMAL_DIGIT_NUMBER)), true, false),
            new Posix("[:graph:]", List.of(new Item(0, 0, GlobClass::isSeparatorOrOther)), true, true),
            new Posix("[:lower:]", List.of(type(Character.LOWERCASE_LETTER)), true, false),
            new Posix("[:print:]", List.of(new Item(0, 0, GlobClass::isOther)), true, false),
            new Posix("[:punct:]", List.of(new Item(0, 0, GlobClass::isPunctuation)), true, false),
            new Posix("[:space:]", List.of(new Item(0, 0, GlobClass::isSeparator), new Item('\t', '\r', null)), true, false),
            new Posix("[:upper:]", List.of(type(Character.UPPERCASE_LETTER)), true, false),
            new Posix("[:word:]", List.of(category(Character.LETTER_NUMBER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.CONNECTOR_PUNCTUATION)), true, false),
            new Posix("[:xdigit:]", List.of(new Item('A', 'F', null), new Item('a', 'f', null), new Item('0', '9', null)),
                    false, false));

    private GlobClass() {
    }

    /** Parses the class starting at {@code glob.charAt(pos) == '['}. */
    static Parsed parse(String glob, int pos) throws PackException {
        List<Item> ranges = new ArrayList<>();
        List<Item> negs = new ArrayList<>();
        List<Character> singles = new ArrayList<>();
        boolean sawStart = false;
        boolean unicode = false;
        boolean escaping = false;
        boolean negate = false;
        int endPos = pos;
        int rangeStart = -1;
        int i = pos + 1;
        scan:
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if ((c == '!' || c == '^') && i == pos + 1) {
                negate = true;
                i++;
                continue;
            }
            if (c == ']' && sawStart && !escaping) {
                endPos = i + 1;
                break;
            }
            sawStart = true;
            if (c == '\\' && !escaping) {
                escaping = true;
                i++;
                continue;
            }
            if (c == '[' && !escaping) {
                for (Posix posix : POSIX) {
                    if (glob.startsWith(posix.name(), i)) {
                        if (rangeStart >= 0) {
                            return new Poison(glob.length() - pos);
                        }
                        i += posix.name().length();
                        (posix.negated() ? negs : ranges).addAll(posix.items());
                        unicode |= posix.unicode();
                        continue scan;
                    }
                }
            }
            escaping = false;
            if (Character.isSurrogate(c)) {
                throw new PackException(Reason.UNSUPPORTED_PATTERN,
                        "a character outside the Basic Multilingual Plane inside [...] is not supported: " + glob);
            }
            if (rangeStart >= 0) {
                if (c > rangeStart) {
                    ranges.add(new Item(rangeStart, c, null));
                } else if (c == rangeStart) {
                    ranges.add(new Item(c, c, null));
                    singles.add(c);
                }
                rangeStart = -1;
                i++;
                continue;
            }
            if (glob.startsWith("-]", i + 1)) {
                ranges.add(new Item(c, c, null));
                ranges.add(new Item('-', '-', null));
                i += 2;
                continue;
            }
            if (glob.startsWith("-", i + 1)) {
                rangeStart = c;
                i += 2;
                continue;
            }
            ranges.add(new Item(c, c, null));
            singles.add(c);
            i++;
        }
        if (endPos < i) {
            return new NotAClass();
        }
        if (ranges.isEmpty() && negs.isEmpty()) {
            return new Poison(glob.length() - pos);
        }
        if (negs.isEmpty() && ranges.size() == 1 && singles.size() == 1 && !negate && !isLineTerminator(singles.get(0))) {
            return new Single(singles.get(0), endPos - pos);
        }
        return new Set(ranges, negs, negate, unicode, endPos - pos);
    }

    /**
     * The matcher for a parsed class, case-insensitively (ECMAScript: a character matches when some member has the
     * same canonical form), over UTF-16 units or, in {@code unicode} mode, code points.
     */
    static IntPredicate matcher(Set set, boolean unicode) {
        List<Item> ranges = set.ranges();
        List<Item> negs = set.negs();
        boolean negate = set.negate();
        return symbol -> {
            int[] equivalents = CaseFold.equivalents(symbol, unicode);
            boolean inRanges = !ranges.isEmpty() && (anyContains(ranges, equivalents) != negate);
            boolean inNegs = !negs.isEmpty() && (anyContains(negs, equivalents) == negate);
            return inRanges || inNegs;
        };
    }

    private static boolean anyContains(List<Item> items, int[] symbols) {
        for (int s : symbols) {
            for (Item item : items) {
                if (item.contains(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    private static Item type(int generalCategory) {
        return new Item(0, 0, cp -> Character.getType(cp) == generalCategory);
    }

    /** {@code \p{L}} plus the given general categories. */
    private static Item category(int... extra) {
        return new Item(0, 0, cp -> {
            int t = Character.getType(cp);
            if (t == Character.UPPERCASE_LETTER || t == Character.LOWERCASE_LETTER || t == Character.TITLECASE_LETTER
                    || t == Character.MODIFIER_LETTER || t == Character.OTHER_LETTER) {
                return true;
            }
            for (int e : extra) {
                if (t == e) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean isSeparator(int cp) {
        int t = Character.getType(cp);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isOther(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    private static boolean isSeparatorOrOther(int cp) {
        return isSeparator(cp) || isOther(cp);
    }

    private static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
