package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {
    /** SemVer 2.0.0 §9, §10 examples and node-semver test/fixtures/valid-versions.js cases in canonical form. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.2.3", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
        "1.0.0-x-y-z.--", "1.0.0-alpha+001", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85",
        "1.0.0+21AF26D3----117B344092BD", "1.2.3-0a", "1.2.3---a", "1.2.3-a.b-c", "9007199254740991.0.0",
        "0.0.9007199254740991", "1.2.3-99999999999999999999", "1.2.3+01.001"})
    void parsesCanonicalVersions(String text) throws FormatException {
        SemVer version = SemVer.parse(text);
        assertThat(version.toString()).isEqualTo(text);
        assertThat(SemVer.parse(version.toString())).isEqualTo(version);
    }

    @Test
    void exposesItsParts() throws FormatException {
        SemVer version = SemVer.parse("1.2.3-rc.1+build.7");
        assertThat(version.major()).isEqualTo(1);
        assertThat(version.minor()).isEqualTo(2);
        assertThat(version.patch()).isEqualTo(3);
        assertThat(version.prerelease()).containsExactly("rc", "1");
        assertThat(version.build()).containsExactly("build", "7");
        assertThat(version.isPrerelease()).isTrue();
        assertThat(version.withoutBuild().toString()).isEqualTo("1.2.3-rc.1");
        assertThat(SemVer.parse("1.2.3").isPrerelease()).isFalse();
        assertThat(SemVer.of(1, 2, 3)).isEqualTo(SemVer.parse("1.2.3"));
    }

    /** node-semver test/fixtures/invalid-versions.js and strict-mode cases; the message says what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``                    | version is empty
        v1.2.3                | without a leading 'v'
        =1.2.3                | without a leading '='
        ` 1.2.3`              | major version must be a number
        `1.2.3 `              | patch version must be a number
        01.2.3                | major version must not have leading zeros
        1.02.3                | minor version must not have leading zeros
        1.2.03                | patch version must not have leading zeros
        1.2                   | MAJOR.MINOR.PATCH
        1.2.3.4               | MAJOR.MINOR.PATCH
        1                     | MAJOR.MINOR.PATCH
        1.2.3-                | prerelease: identifiers must not be empty
        1.2.3+                | build metadata: identifiers must not be empty
        1.2.3-01              | must not have leading zeros
        1.2.3-a..b            | identifiers must not be empty
        1.2.3-a_b             | may contain only ASCII letters, digits and hyphens
        1.2.3+a+b             | may contain only ASCII letters, digits and hyphens
        1.2.3-ü               | may contain only ASCII letters, digits and hyphens
        -1.2.3                | MAJOR.MINOR.PATCH
        9007199254740992.0.0  | major version is larger than 9007199254740991
        0.0.99999999999999999999 | patch version is larger than 9007199254740991
        a.b.c                 | major version must be a number
        1.2.x                 | patch version must be a number
        """)
    void refusesInvalidVersions(String text, String message) {
        assertThatThrownBy(() -> SemVer.parse(text))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(message);
        assertThat(SemVer.isValid(text)).isFalse();
    }

    @Test
    void lengthLimitIsNodeSemversMaxLength() throws FormatException {
        String longest = "1.2.3-" + "a".repeat(250);
        assertThat(SemVer.parse(longest).toString()).hasSize(256);
        assertThatThrownBy(() -> SemVer.parse(longest + "a")).hasMessage("version is longer than 256 characters");
        assertThatThrownBy(() -> SemVer.parse(null)).isInstanceOf(FormatException.class);
    }

    /** SemVer 2.0.0 §11.4's example chain, extended with numeric and build cases. */
    @Test
    void ordersBySpecPrecedence() throws FormatException {
        List<String> ordered = List.of("0.0.0", "0.0.1", "0.1.0", "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10",
                "1.0.0-99999999999999999999", "1.0.0-A", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0",
                "2.0.0", "9007199254740991.0.0");
        List<SemVer> versions = new ArrayList<>();
        for (String text : ordered) {
            versions.add(SemVer.parse(text));
        }
        List<SemVer> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(versions);
        for (int i = 0; i < versions.size(); i++) {
            for (int j = 0; j < versions.size(); j++) {
                assertThat(Integer.signum(versions.get(i).compareTo(versions.get(j))))
                        .as("%s vs %s", versions.get(i), versions.get(j))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void buildMetadataDoesNotCountForPrecedenceButForEquality() throws FormatException {
        SemVer a = SemVer.parse("1.0.0+a");
        SemVer b = SemVer.parse("1.0.0+b");
        assertThat(a.compareTo(b)).isZero();
        assertThat(a).isNotEqualTo(b);
        assertThat(SemVer.parse("1.0.0-rc.1+x").compareTo(SemVer.parse("1.0.0-rc.1"))).isZero();
    }

    /** node-semver clean(), which npm publish applies to package.json's version. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        1.2.3          | 1.2.3
        ` 1.2.3 `      | 1.2.3
        v1.2.3         | 1.2.3
        =v1.2.3        | 1.2.3
        vv=1.2.3       | 1.2.3
        1.2.3+build.1  | 1.2.3
        v1.2.3-rc.1+b  | 1.2.3-rc.1
        `\u00a01.2.3`  | 1.2.3
        """)
    void cleansLikeNodeSemver(String text, String cleaned) throws FormatException {
        assertThat(SemVer.clean(text).toString()).isEqualTo(cleaned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x1.2.3", "1.2", "01.2.3", "v 1.2.3x", "1.2.3-01"})
    void cleanStillRefusesInvalidVersions(String text) {
        assertThatThrownBy(() -> SemVer.clean(text)).isInstanceOf(FormatException.class);
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> new SemVer(-1, 0, 0, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SemVer(SemVer.MAX_SAFE_INTEGER + 1, 0, 0, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of("01"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of(), List.of("a.b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SemVer(1, 0, 0, List.of("a".repeat(260)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
