package dev.hallmark.core.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageUrlTest {
    @Test
    void formatsLikeNpmPackageArg() {
        assertThat(new PackageUrl("@playwright/cli", "0.1.1")).hasToString("pkg:npm/%40playwright/cli@0.1.1");
        assertThat(new PackageUrl("sigstore", "1.3.0")).hasToString("pkg:npm/sigstore@1.3.0");
        assertThat(new PackageUrl("@acme/hello-prov", "1.0.0-rc.1+build.5")).hasToString("pkg:npm/%40acme/hello-prov@1.0.0-rc.1+build.5");
    }

    @Test
    void parsesWhatNpmWrites() throws FormatException {
        assertThat(PackageUrl.parse("pkg:npm/%40playwright/cli@0.1.1")).isEqualTo(new PackageUrl("@playwright/cli", "0.1.1"));
        assertThat(PackageUrl.parse("pkg:npm/sigstore@1.3.0")).isEqualTo(new PackageUrl("sigstore", "1.3.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pkg:npm/@acme/hello-prov@1.0.0",                                  // unencoded scope: npmjs calls it a mismatch
        "pkg:npm/sigstore@1.0.0?repository_url=https://r.example",
        "pkg:npm/sigstore@1.0.0#sub",
        "pkg:npm/sigstore",
        "pkg:npm/sigstore@",
        "pkg:npm/@1.0.0",
        "pkg:npm/%40acme@1.0.0",
        "pkg:npm/%40acme/@1.0.0",
        "pkg:npm/%40/x@1.0.0",
        "pkg:npm/a/b@1.0.0",
        "pkg:npm/%40a/b/c@1.0.0",
        "pkg:npm/a@1@2",
        "pkg:npm/a%20b@1.0.0",
        "pkg:pypi/a@1.0.0",
        "",
    })
    void rejectsOtherForms(String purl) {
        assertThatThrownBy(() -> PackageUrl.parse(purl)).isInstanceOf(FormatException.class);
    }

    @Property(tries = 200)
    void roundTrips(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String scope,
            @ForAll @AlphaChars @StringLength(min = 1, max = 8) String name,
            @ForAll @NumericChars @StringLength(min = 1, max = 3) String major, @ForAll boolean scoped) throws FormatException {
        PackageUrl purl = new PackageUrl(scoped ? "@" + scope + "/" + name : name, major + ".0.0");
        assertThat(PackageUrl.parse(purl.toString())).isEqualTo(purl);
    }
}
