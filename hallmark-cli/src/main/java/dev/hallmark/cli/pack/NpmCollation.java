package dev.hallmark.cli.pack;

import com.ibm.icu.text.CollationKey;
import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The two orders npm puts packed files in, both defined by ICU collation as V8 exposes it, which {@link
 * java.text.Collator} does not reproduce (it ignores hyphens, for one):
 * <ul>
 *   <li>{@link #TARBALL}: npm-packlist's order of tar entries — extension, then base name (both lower-cased), then
 *       the whole path, each compared with {@code String.prototype.localeCompare(other, 'en')};</li>
 *   <li>{@link #LISTING}: the "Tarball Contents" and {@code --json} {@code files} order — paths starting with a
 *       character that upper-casing leaves alone (capitals, digits, punctuation) first, each group sorted with
 *       {@code Intl.Collator('en', {sensitivity: 'case', numeric: true})}.</li>
 * </ul>
 */
final class NpmCollation {
    private static final Collator LOCALE_COMPARE = localeCompareCollator();
    private static final Collator CASE_NUMERIC = caseNumeric();

    /** npm-packlist's comparison: extension, base name (both lower-cased), path; 0 where npm's is 0. */
    static final Comparator<String> PACKLIST = (a, b) -> {
        int c = LOCALE_COMPARE.compare(PosixPath.extname(a).toLowerCase(Locale.ROOT),
                PosixPath.extname(b).toLowerCase(Locale.ROOT));
        if (c == 0) {
            c = LOCALE_COMPARE.compare(PosixPath.basename(a).toLowerCase(Locale.ROOT),
                    PosixPath.basename(b).toLowerCase(Locale.ROOT));
        }
        return c != 0 ? c : LOCALE_COMPARE.compare(a, b);
    };

    /**
     * The tarball order: {@link #PACKLIST}, then code units where ICU calls two names equal (canonically equivalent
     * names, where npm's order would depend on the order its asynchronous walk found them in).
     */
    static final Comparator<String> TARBALL = PACKLIST.thenComparing(Comparator.naturalOrder());

    /** npm's listing order; stable sorting keeps tarball order between paths the collator calls equal. */
    static final Comparator<String> LISTING = (a, b) -> {
        boolean upperA = startsUpper(a);
        boolean upperB = startsUpper(b);
        if (upperA != upperB) {
            return upperA ? -1 : 1;
        }
        // ICU4J gives ß an upper-case weight on the case level where ICU4C (V8) gives it lower case, like "ss";
        // it is the only BMP character where the two disagree, and at these strengths ß and ss are otherwise equal
        return CASE_NUMERIC.compare(a.replace("ß", "ss"), b.replace("ß", "ss"));
    };

    private NpmCollation() {
    }

    /** {@code a.localeCompare(b, 'en')}. */
    static int localeCompare(String a, String b) {
        return LOCALE_COMPARE.compare(a, b);
    }

    /**
     * Sorts {@code items} in {@link #TARBALL} order of {@code path(item)}, computing each collation key once (a large
     * package would otherwise collate the same names millions of times).
     */
    static <T> List<T> sortForTarball(List<T> items, Function<T, String> path) {
        record Keyed<T>(T item, String path, CollationKey ext, CollationKey base, CollationKey full) {
        }
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            String p = path.apply(item);
            keyed.add(new Keyed<>(item, p,
                    LOCALE_COMPARE.getCollationKey(PosixPath.extname(p).toLowerCase(Locale.ROOT)),
                    LOCALE_COMPARE.getCollationKey(PosixPath.basename(p).toLowerCase(Locale.ROOT)),
                    LOCALE_COMPARE.getCollationKey(p)));
        }
        keyed.sort(Comparator.<Keyed<T>, CollationKey>comparing(Keyed::ext).thenComparing(Keyed::base)
                .thenComparing(Keyed::full).thenComparing(Keyed::path));
        List<T> sorted = new ArrayList<>(keyed.size());
        keyed.forEach(k -> sorted.add(k.item()));
        return sorted;
    }

    private static boolean startsUpper(String path) {
        if (path.isEmpty()) {
            return true;
        }
        String first = path.substring(0, 1);
        return first.equals(first.toUpperCase(Locale.ROOT));
    }

    /** V8's collator for locale "en" with default options: tertiary strength, canonical equivalence on. */
    private static Collator localeCompareCollator() {
        Collator collator = Collator.getInstance(ULocale.forLanguageTag("en"));
        collator.setStrength(Collator.TERTIARY);
        collator.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
        return collator.freeze();
    }

    /** {@code sensitivity: 'case'} is primary strength plus the case level; {@code numeric} sorts digit runs by value. */
    private static Collator caseNumeric() {
        RuleBasedCollator collator = (RuleBasedCollator) Collator.getInstance(ULocale.forLanguageTag("en"));
        collator.setStrength(Collator.PRIMARY);
        collator.setCaseLevel(true);
        collator.setNumericCollation(true);
        collator.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
        return collator.freeze();
    }
}
