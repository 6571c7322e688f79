package dev.hallmark.cli.pack;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import java.util.Comparator;
import java.util.Locale;

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
    private static final Collator LOCALE_COMPARE = localeCompare();
    private static final Collator CASE_NUMERIC = caseNumeric();

    /** npm-packlist's sort; ties that ICU calls equal (canonically equivalent names) fall back to code units. */
    static final Comparator<String> TARBALL = (a, b) -> {
        int c = LOCALE_COMPARE.compare(PosixPath.extname(a).toLowerCase(Locale.ROOT),
                PosixPath.extname(b).toLowerCase(Locale.ROOT));
        if (c == 0) {
            c = LOCALE_COMPARE.compare(PosixPath.basename(a).toLowerCase(Locale.ROOT),
                    PosixPath.basename(b).toLowerCase(Locale.ROOT));
        }
        if (c == 0) {
            c = LOCALE_COMPARE.compare(a, b);
        }
        return c != 0 ? c : a.compareTo(b);
    };

    /** npm's listing order; stable sorting keeps tarball order between paths the collator calls equal. */
    static final Comparator<String> LISTING = (a, b) -> {
        boolean upperA = startsUpper(a);
        boolean upperB = startsUpper(b);
        if (upperA != upperB) {
            return upperA ? -1 : 1;
        }
        return CASE_NUMERIC.compare(a, b);
    };

    private NpmCollation() {
    }

    private static boolean startsUpper(String path) {
        if (path.isEmpty()) {
            return true;
        }
        String first = path.substring(0, 1);
        return first.equals(first.toUpperCase(Locale.ROOT));
    }

    /** V8's collator for locale "en" with default options: tertiary strength, canonical equivalence on. */
    private static Collator localeCompare() {
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
