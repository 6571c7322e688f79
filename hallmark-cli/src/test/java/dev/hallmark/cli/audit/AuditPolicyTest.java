package dev.hallmark.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy file: its shape, the most specific pattern winning, and what a package without provenance gets. */
class AuditPolicyTest {
    static AuditPolicy parse(String yaml) throws FormatException {
        return AuditPolicy.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theMostSpecificPatternWins() throws Exception {
        AuditPolicy policy = parse("""
                packages:
                  "*": { repository: https://any.test/r }
                  "@acme/*": { repository: https://acme.test/r, ref: /refs\\/tags\\/.*/ }
                  "@acme/widget": { repository: https://acme.test/widget, workflow: /.github/workflows/release.yml }
                """);
        assertThat(policy.ruleFor("@acme/widget").orElseThrow().workflow()).contains(".github/workflows/release.yml");
        assertThat(policy.ruleFor("@acme/gadget").orElseThrow().repository()).contains("https://acme.test/r");
        assertThat(policy.ruleFor("@acme/gadget").orElseThrow().ref().orElseThrow().matcher("refs/tags/v1").matches()).isTrue();
        assertThat(policy.ruleFor("@other/x").orElseThrow().repository()).contains("https://any.test/r");
        assertThat(policy.ruleFor("lodash").orElseThrow().repository()).contains("https://any.test/r");
        assertThat(parse("packages: {}").ruleFor("lodash")).isEmpty();
    }

    @Test
    void aPlainRefIsMatchedLiterally() throws Exception {
        AuditPolicy.Rule rule = parse("packages:\n  x: { ref: refs/heads/main.x }\n").ruleFor("x").orElseThrow();
        assertThat(rule.ref().orElseThrow().matcher("refs/heads/main.x").matches()).isTrue();
        assertThat(rule.ref().orElseThrow().matcher("refs/heads/mainXx").matches()).isFalse();
    }

    @Test
    void missingProvenanceFailsOnlyWhenRequired() throws Exception {
        AuditPolicy policy = parse("packages:\n  \"@acme/*\": { requireProvenance: true }\n  \"*\": { repository: https://x.test/r }\n");
        assertThat(policy.evaluate("@acme/a", Optional.empty(), false)).containsExactly("no verified provenance");
        assertThat(policy.evaluate("other", Optional.empty(), false)).isEmpty();
        assertThat(policy.evaluate("other", Optional.empty(), true)).containsExactly("no verified provenance");
        assertThat(AuditPolicy.NONE.evaluate("other", Optional.empty(), false)).isEmpty();
    }

    @Test
    void malformedPoliciesAreRefused() {
        assertThatThrownBy(() -> parse("pkgs: {}")).isInstanceOf(FormatException.class).hasMessageContaining("no 'packages' map");
        assertThatThrownBy(() -> parse("packages:\n  x: { repo: a }\n")).hasMessageContaining("unknown field 'repo'");
        assertThatThrownBy(() -> parse("packages:\n  \"a*\": {}\n")).hasMessageContaining("is not a package name");
        assertThatThrownBy(() -> parse("packages:\n  x: { ref: \"/[/\" }\n")).hasMessageContaining("not a valid regex");
        assertThatThrownBy(() -> parse("packages:\n  x: { requireProvenance: yes-please }\n")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> parse("packages:\n  x: { repository: [a] }\n")).hasMessageContaining("non-empty string");
        assertThatThrownBy(() -> parse("packages: [")).isInstanceOf(FormatException.class);
    }
}
