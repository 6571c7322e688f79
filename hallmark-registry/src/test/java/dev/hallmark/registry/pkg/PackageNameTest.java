package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PackageNameTest {
    /** validate-npm-package-name test/index.js: the names valid for new packages. */
    @ParameterizedTest
    @ValueSource(strings = {"some-package", "example.com", "under_score", "period.js", "123numeric", "@npm/thingy",
        "node-downloader-helper", "download-file-async", "@types/node", "@a/http", "@scope/_private", "@scope/-x",
        "a..b", "a.", "con", "ifyouwanttogetthesumoftwonumberswherethosetwonumbersarechosenbyfindingthelargestoftwoout"
            + "ofthreenumbersandsquaringthemwhichismultiplyingthembyitselfthenyoushouldinputthreenumbersintothisfunctio"
            + "nanditwilldothatforyou"})
    void acceptsValidNames(String full) throws FormatException {
        PackageName name = PackageName.parse(full);
        assertThat(name.full()).isEqualTo(full);
        assertThat(name.toString()).isEqualTo(full);
        assertThat(PackageName.isValid(full)).isTrue();
    }

    /** validate-npm-package-name test/index.js, plus path tricks; the message names the broken rule. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``                        | name length must be greater than zero
        .start-with-period        | name cannot start with a period
        -start-with-hyphen        | name cannot start with a hyphen
        _start-with-underscore    | name cannot start with an underscore
        contain:colons            | name can only contain URL-friendly characters
        ` leading-space`          | name cannot contain leading or trailing spaces
        `trailing-space `         | name cannot contain leading or trailing spaces
        s/l/a/s/h/e/s             | name can only contain URL-friendly characters
        node_modules              | node_modules is not a valid package name
        favicon.ico               | favicon.ico is not a valid package name
        http                      | http is a core module name
        process                   | process is a core module name
        _http_agent               | name cannot start with an underscore
        crazy!                    | name can no longer contain special characters ("~'!()*")
        @npm-zors/money!time.js   | name can no longer contain special characters ("~'!()*")
        CAPITAL-LETTERS           | name can no longer contain capital letters
        @Scope/x                  | scope can no longer contain capital letters
        .                         | name cannot start with a period
        ..                        | name cannot start with a period
        @scope/..                 | name cannot start with a period
        @scope/.                  | name cannot start with a period
        @../x                     | scope cannot start with a period
        @./x                      | scope cannot start with a period
        @a!/x                     | scope can no longer contain special characters ("~'!()*")
        @/x                       | scope length must be greater than zero
        @scope/                   | name length must be greater than zero
        @scope                    | a scoped name must have the form @scope/name
        @a/b/c                    | name can only contain URL-friendly characters
        @a/../b                   | name cannot start with a period
        a%2fb                     | name can only contain URL-friendly characters
        %2e%2e                    | name can only contain URL-friendly characters
        a\\b                      | name can only contain URL-friendly characters
        a@b                       | name can only contain URL-friendly characters
        ü                         | name can only contain URL-friendly characters
        """)
    void refusesInvalidNames(String full, String message) {
        assertThatThrownBy(() -> PackageName.parse(full))
                .isInstanceOf(FormatException.class)
                .hasMessage(message);
        assertThat(PackageName.isValid(full)).isFalse();
    }

    @Test
    void refusesControlCharactersAndNull() {
        for (String full : new String[] {"a\tb", "a\u0000b", "a\nb", "\u007f", "@s/a\rb", "a\u2028b"}) {
            assertThatThrownBy(() -> PackageName.parse(full)).isInstanceOf(FormatException.class);
        }
        assertThatThrownBy(() -> PackageName.parse(null)).hasMessage("name cannot be null");
    }

    @Test
    void lengthLimitIncludesTheScope() throws FormatException {
        assertThat(PackageName.parse("a".repeat(214)).full()).hasSize(214);
        assertThatThrownBy(() -> PackageName.parse("a".repeat(215)))
                .hasMessage("name can no longer contain more than 214 characters");
        assertThat(PackageName.parse("@s/" + "a".repeat(211)).full()).hasSize(214);
        assertThatThrownBy(() -> PackageName.parse("@s/" + "a".repeat(212)))
                .hasMessageContaining("more than 214 characters");
    }

    @Test
    void scopedAccessors() throws FormatException {
        PackageName name = PackageName.parse("@acme/hello-prov");
        assertThat(name.scope()).contains("acme");
        assertThat(name.unscoped()).isEqualTo("hello-prov");
        assertThat(name.isScoped()).isTrue();
        assertThat(name.full()).isEqualTo("@acme/hello-prov");
        assertThat(name.escaped()).isEqualTo("@acme%2fhello-prov");
        // npm.md §5: the leading @ is %40, the / stays literal.
        assertThat(name.purl("1.0.0")).isEqualTo("pkg:npm/%40acme/hello-prov@1.0.0");
        assertThat(name.purl(SemVer.parse("2.0.0-rc.1"))).isEqualTo("pkg:npm/%40acme/hello-prov@2.0.0-rc.1");
        // npm.md §2.3: npmjs names the file after the unscoped name.
        assertThat(name.tarballFileName("1.0.0")).isEqualTo("hello-prov-1.0.0.tgz");
        assertThat(name).isEqualTo(new PackageName(Optional.of("acme"), "hello-prov"));
    }

    @Test
    void unscopedAccessors() throws FormatException {
        PackageName name = PackageName.parse("left-pad");
        assertThat(name.scope()).isEmpty();
        assertThat(name.isScoped()).isFalse();
        assertThat(name.unscoped()).isEqualTo("left-pad");
        assertThat(name.escaped()).isEqualTo("left-pad");
        assertThat(name.purl("1.3.0")).isEqualTo("pkg:npm/left-pad@1.3.0");
        assertThat(name.tarballFileName(SemVer.parse("1.3.0"))).isEqualTo("left-pad-1.3.0.tgz");
    }

    @Test
    void versionArgumentsMustBeVersions() throws FormatException {
        PackageName name = PackageName.parse("x");
        assertThatThrownBy(() -> name.tarballFileName("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> name.purl("1.0.0?x=y")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"@acme%2fhello,@acme/hello", "@acme%2Fhello,@acme/hello", "%40acme%2fhello,@acme/hello",
        "%40acme/hello,@acme/hello", "@acme/hello,@acme/hello", "left-pad,left-pad"})
    void parsesUrlSegments(String segment, String full) throws FormatException {
        assertThat(PackageName.parseUrlSegment(segment).full()).isEqualTo(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@acme%2f..%2fx", "@acme%2f%2e%2e", "acme%2fhello", "%2e%2e", "@acme%2fa%2fb", "%40%2fx"})
    void urlSegmentsCannotSmuggleEscapes(String segment) {
        assertThatThrownBy(() -> PackageName.parseUrlSegment(segment)).isInstanceOf(FormatException.class);
    }

    @Test
    void constructorEnforcesTheSameRules() {
        assertThatThrownBy(() -> new PackageName(Optional.empty(), ".."))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name cannot start with a period");
        assertThatThrownBy(() -> new PackageName(Optional.of("a/b"), "c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PackageName(Optional.of(""), "c"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
