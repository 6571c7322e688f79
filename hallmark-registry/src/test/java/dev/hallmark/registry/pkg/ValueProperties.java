package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.FormatException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips and order laws for the value types, over generated inputs. */
class ValueProperties {
    @Provide
    Arbitrary<String> nameLike() {
        return Arbitraries.strings().withChars("abz09._-@/A%\\ ~!").ofMinLength(0).ofMaxLength(12);
    }

    /** Whatever the string, parse accepts it unchanged or throws FormatException; an accepted name is path-safe. */
    @Property(tries = 3000)
    void parsedNamesRoundTripAndAreSafe(@ForAll("nameLike") String input) {
        PackageName name;
        try {
            name = PackageName.parse(input);
        } catch (FormatException e) {
            return;
        }
        assertThat(name.full()).isEqualTo(input);
        // Each part is one harmless path segment: never '.', '..' or anything with a separator or escape.
        assertThat(name.unscoped()).matches("[a-z0-9_-][a-z0-9._-]*");
        name.scope().ifPresent(scope -> assertThat(scope).matches("[a-z0-9_-][a-z0-9._-]*"));
        assertThat(name.escaped()).doesNotContain("/").doesNotContain("\\");
        assertThat(name.tarballFileName("1.0.0")).doesNotContain("/");
    }

    @Provide
    Arbitrary<SemVer> versions() {
        Arbitrary<Long> number = Arbitraries.oneOf(Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(0, SemVer.MAX_SAFE_INTEGER));
        Arbitrary<String> identifier = Arbitraries.oneOf(Arbitraries.of("0", "1", "2", "10", "alpha", "beta", "rc", "-", "a1"),
                Arbitraries.strings().withChars("abcXYZ019-").ofMinLength(1).ofMaxLength(5)
                        .filter(s -> !(s.length() > 1 && s.startsWith("0") && s.chars().allMatch(Character::isDigit))));
        Arbitrary<List<String>> prerelease = identifier.list().ofMaxSize(3);
        Arbitrary<List<String>> build = Arbitraries.strings().withChars("a0Z-").ofMinLength(1).ofMaxLength(3).list().ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(0L, 1L, 2L), Arbitraries.of(0L, 1L), number, prerelease, build)
                .as(SemVer::new);
    }

    @Property(tries = 2000)
    void versionsRoundTripThroughText(@ForAll("versions") SemVer version) throws FormatException {
        assertThat(SemVer.parse(version.toString())).isEqualTo(version);
        assertThat(SemVer.clean("v" + version)).isEqualTo(version.withoutBuild());
    }

    @Property(tries = 2000)
    void precedenceIsATotalPreorder(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b,
                                    @ForAll("versions") SemVer c) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(a.compareTo(a.withoutBuild())).isZero();
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
        }
        if (a.isPrerelease() && !b.isPrerelease() && a.major() == b.major() && a.minor() == b.minor()
                && a.patch() == b.patch()) {
            assertThat(a).isLessThan(b); // SemVer §11.3
        }
    }
}
