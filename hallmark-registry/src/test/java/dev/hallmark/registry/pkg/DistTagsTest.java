package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistTagsTest {
    @ParameterizedTest
    @ValueSource(strings = {"latest", "next", "beta", "canary", "rc", "legacy", "Latest", "release-1.x", "v", "vnext",
        "x-beta", "xbeta", "a1.2.3", "next_2", "V1"})
    void acceptsTagNames(String tag) throws FormatException {
        assertThat(DistTags.validateTag(tag)).isEqualTo(tag);
        assertThat(DistTags.isValidTag(tag)).isTrue();
    }

    /** npm.md §9: npm refuses tags that are valid SemVer ranges; the registry refuses these and more. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``              | must not be empty
        1.0.0           | must not be a version
        1.0.0-rc.1      | must not be a version
        1               | must not look like a SemVer range
        1a              | must not look like a SemVer range
        v1              | must not look like a SemVer range
        vv1             | must not look like a SemVer range
        x               | must not look like a SemVer range
        X               | must not look like a SemVer range
        x.x             | must not look like a SemVer range
        vx              | must not look like a SemVer range
        *               | must match [A-Za-z0-9][A-Za-z0-9._-]*
        ^1.0.0          | must match [A-Za-z0-9][A-Za-z0-9._-]*
        >=1             | must match [A-Za-z0-9][A-Za-z0-9._-]*
        -next           | must match [A-Za-z0-9][A-Za-z0-9._-]*
        .hidden         | must match [A-Za-z0-9][A-Za-z0-9._-]*
        a/b             | must match [A-Za-z0-9][A-Za-z0-9._-]*
        `a b`           | must match [A-Za-z0-9][A-Za-z0-9._-]*
        a%20b           | must match [A-Za-z0-9][A-Za-z0-9._-]*
        bêta            | must match [A-Za-z0-9][A-Za-z0-9._-]*
        """)
    void refusesTagNames(String tag, String message) {
        assertThatThrownBy(() -> DistTags.validateTag(tag))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void lengthLimit() throws FormatException {
        assertThat(DistTags.validateTag("t".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> DistTags.validateTag("t".repeat(129))).hasMessageContaining("longer than 128");
        assertThatThrownBy(() -> DistTags.validateTag(null)).isInstanceOf(FormatException.class);
    }

    @Test
    void immutableMapOfTags() throws FormatException {
        SemVer one = SemVer.parse("1.0.0");
        SemVer two = SemVer.parse("2.0.0-rc.1");
        DistTags tags = DistTags.empty().with("latest", one).with("next", two);
        assertThat(tags.latest()).contains(one);
        assertThat(tags.get("next")).contains(two);
        assertThat(tags.tags().keySet()).containsExactly("latest", "next");
        DistTags moved = tags.with("latest", two);
        assertThat(moved.tags().keySet()).containsExactly("latest", "next");
        assertThat(moved.latest()).contains(two);
        assertThat(tags.latest()).contains(one);
        assertThat(tags.without("next").tags()).containsOnlyKeys("latest");
        assertThat(tags.without("absent")).isSameAs(tags);
        assertThatThrownBy(() -> tags.tags().put("x", one)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tags.with("1.x", one)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> new DistTags(Map.of("v2", one))).isInstanceOf(IllegalArgumentException.class);
    }
}
