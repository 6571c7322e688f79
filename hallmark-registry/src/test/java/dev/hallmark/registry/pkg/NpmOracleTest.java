package dev.hallmark.registry.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential tests against the answers of the validate-npm-package-name and node-semver that npm 11 bundles, recorded
 * in npm-oracle.json by npm-oracle.js (hand-picked cases plus a few thousand seeded random strings).
 */
class NpmOracleTest {
    private static JsonNode oracle;

    @BeforeAll
    static void load() throws IOException, FormatException {
        try (InputStream in = NpmOracleTest.class.getResourceAsStream("npm-oracle.json")) {
            oracle = Json.parse(in.readAllBytes(), 4 * 1024 * 1024);
        }
    }

    /** Where the registry is deliberately stricter than npm: the scope obeys the name rules too (see PackageName). */
    private static boolean stricterScope(String input) {
        int slash = input.indexOf('/');
        if (!input.startsWith("@") || slash < 0) {
            return false;
        }
        String scope = input.substring(1, slash);
        return scope.startsWith(".") || !scope.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-');
    }

    @Test
    void packageNamesAgreeWithValidateNpmPackageName() {
        SoftAssertions softly = new SoftAssertions();
        int accepted = 0;
        for (JsonNode row : oracle.get("names")) {
            String input = row.get("input").textValue();
            boolean npm = row.get("validForNewPackages").booleanValue();
            boolean ours = PackageName.isValid(input);
            accepted += ours ? 1 : 0;
            if (ours || !npm || !stricterScope(input)) {
                softly.assertThat(ours).as("name %s", input).isEqualTo(npm);
            }
        }
        softly.assertAll();
        assertThat(accepted).isGreaterThan(500);
    }

    @Test
    void versionsAgreeWithNodeSemverValidAndClean() {
        SoftAssertions softly = new SoftAssertions();
        int accepted = 0;
        for (JsonNode row : oracle.get("versions")) {
            String input = row.get("input").textValue();
            String valid = row.get("valid").textValue();
            String clean = row.get("clean").textValue();
            SemVer ours = null;
            try {
                ours = SemVer.parse(input);
                accepted++;
            } catch (FormatException e) {
                // node-semver accepts these leniencies; the registry wants the canonical text only.
                boolean canonicalForm = !input.isEmpty() && Character.isDigit(input.charAt(0))
                        && input.strip().equals(input);
                softly.assertThat(valid != null && canonicalForm).as("refused %s: %s", input, e.getMessage()).isFalse();
            }
            if (ours != null) {
                softly.assertThat(ours.toString()).as("text of %s", input).isEqualTo(input);
                softly.assertThat(ours.withoutBuild().toString()).as("valid(%s)", input).isEqualTo(valid);
            }
            String cleaned;
            try {
                cleaned = SemVer.clean(input).toString();
            } catch (FormatException e) {
                cleaned = null;
            }
            softly.assertThat(cleaned).as("clean(%s)", input).isEqualTo(clean);
        }
        softly.assertAll();
        assertThat(accepted).isGreaterThan(100);
    }

    @Test
    void precedenceAgreesWithNodeSemverSort() throws FormatException {
        List<SemVer> ordered = new ArrayList<>();
        for (JsonNode text : oracle.get("ordered")) {
            ordered.add(SemVer.parse(text.textValue()));
        }
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(ordered.get(i - 1)).as("%s < %s", ordered.get(i - 1), ordered.get(i)).isLessThan(ordered.get(i));
        }
    }

    @Test
    void acceptedTagsAreNeverSemverRanges() {
        SoftAssertions softly = new SoftAssertions();
        int accepted = 0;
        for (JsonNode row : oracle.get("tags")) {
            String input = row.get("input").textValue();
            if (DistTags.isValidTag(input)) {
                accepted++;
                softly.assertThat(row.get("validRange").isNull()).as("tag %s is range %s", input, row.get("validRange"))
                        .isTrue();
            }
        }
        softly.assertAll();
        assertThat(accepted).isGreaterThan(500);
    }
}
