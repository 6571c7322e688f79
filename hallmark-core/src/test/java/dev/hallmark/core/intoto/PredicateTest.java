package dev.hallmark.core.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicateTest {
    @Test
    void slsaV1FromNpm11OnGithub() throws FormatException {
        Predicate p = Predicate.of(StatementTest.provenance());
        assertThat(p).isInstanceOf(SlsaProvenanceV1.class);
        SlsaProvenanceV1 v1 = (SlsaProvenanceV1) p;
        assertThat(v1.buildType()).isEqualTo("https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1");
        assertThat(v1.workflow()).contains(new SlsaProvenanceV1.Workflow("refs/tags/v0.1.1",
                "https://github.com/microsoft/playwright-cli", ".github/workflows/publish.yml"));
        assertThat(v1.github()).contains(new SlsaProvenanceV1.GithubParameters("release", "273562379", "6154722"));
        assertThat(v1.resolvedDependencies()).singleElement().satisfies(d -> {
            assertThat(d.uri()).isEqualTo("git+https://github.com/microsoft/playwright-cli@refs/tags/v0.1.1");
            assertThat(d.digest().values()).isEqualTo(Map.of("gitCommit", "d1c6d1113932ddcee243e8b111b6d4aea553df20"));
        });
        assertThat(v1.builderId()).isEqualTo("https://github.com/actions/runner/github-hosted");
        assertThat(v1.invocationId()).contains("https://github.com/microsoft/playwright-cli/actions/runs/22026075834/attempts/1");
        assertThat(v1.externalParameters().get("workflow").get("path").textValue()).isEqualTo(".github/workflows/publish.yml");
    }

    @Test
    void slsaV02FromNpm9OnGithub() throws FormatException {
        Statement s = Statement.parse(Bytes.of(Vectors.bytes("npm/sigstore-go/statement-provenance-sigstorejs1.3.0.json")));
        SlsaProvenanceV02 v02 = (SlsaProvenanceV02) Predicate.of(s);
        assertThat(v02.builderId()).isEqualTo("https://github.com/actions/runner");
        assertThat(v02.buildType()).isEqualTo("https://github.com/npm/cli/gha/v2");
        assertThat(v02.configSource()).hasValueSatisfying(c -> {
            assertThat(c.uri()).isEqualTo("git+https://github.com/sigstore/sigstore-js@refs/heads/main");
            assertThat(c.digest().values()).containsEntry("sha1", "dae8bd8eb433a4147b4655c00fe73e0f22bc0fb1");
            assertThat(c.entryPoint()).isEqualTo(".github/workflows/release.yml");
        });
        assertThat(v02.environment().get("GITHUB_REPOSITORY_ID").textValue()).isEqualTo("495574555");
        assertThat(v02.buildInvocationId()).contains("4735384265-1");
        assertThat(v02.materials()).hasSize(1);
    }

    @Test
    void slsaV02InTheGitlabShapeNpm11Writes() throws FormatException {
        // npm.md §10.2
        String json = """
                {"_type":"https://in-toto.io/Statement/v0.1","subject":[{"name":"pkg:npm/%40g/p@1.0.0","digest":{"sha512":"SHA512HEX"}}],
                 "predicateType":"https://slsa.dev/provenance/v0.2","predicate":{"buildType":"https://github.com/npm/cli/gitlab/v0alpha1",
                 "builder":{"id":"https://gitlab.com/g/p/-/runners/12"},
                 "invocation":{"configSource":{"uri":"git+https://gitlab.com/g/p","digest":{"sha1":"0123456789abcdef0123456789abcdef01234567"},"entryPoint":"publish"},
                   "parameters":{"CI":"true","CI_PROJECT_ID":"42"},
                   "environment":{"name":"r","architecture":"amd64","server":"https://gitlab.com","project":"g/p","job":{"id":"7"},"pipeline":{"id":"8","ref":".gitlab-ci.yml"}}},
                 "metadata":{"buildInvocationId":"https://gitlab.com/g/p/-/jobs/7","completeness":{"parameters":true,"environment":true,"materials":false},"reproducible":false},
                 "materials":[{"uri":"git+https://gitlab.com/g/p","digest":{"sha1":"0123456789abcdef0123456789abcdef01234567"}}]}}
                """.replace("SHA512HEX", StatementTest.PLAYWRIGHT_SHA512);
        SlsaProvenanceV02 v02 = (SlsaProvenanceV02) Predicate.of(Statement.parse(Bytes.utf8(json)));
        assertThat(v02.builderId()).isEqualTo("https://gitlab.com/g/p/-/runners/12");
        assertThat(v02.configSource().orElseThrow().entryPoint()).isEqualTo("publish");
        assertThat(v02.parameters().get("CI_PROJECT_ID").textValue()).isEqualTo("42");
        assertThat(v02.buildInvocationId()).contains("https://gitlab.com/g/p/-/jobs/7");
    }

    @Test
    void npmPublishPredicate() throws FormatException {
        Statement s = Statement.parse(StatementTest.payload("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json"));
        assertThat(Predicate.of(s)).isEqualTo(new NpmPublishPredicate("@playwright/cli", "0.1.1", "https://registry.npmjs.org"));
    }

    @Test
    void unknownPredicateTypesAreKeptAsJson() throws FormatException {
        Statement s = Statement.parse(Bytes.utf8("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\","
                + "\"digest\":{\"sha1\":\"00\"}}],\"predicateType\":\"https://example.com/x\",\"predicate\":{\"k\":1}}"));
        assertThat(Predicate.of(s)).isInstanceOfSatisfying(Predicate.Other.class, o -> {
            assertThat(o.predicateType()).isEqualTo("https://example.com/x");
            assertThat(o.json().get("k").intValue()).isEqualTo(1);
        });
    }

    @Test
    void knownTypeWithAMalformedBodyIsAFormatError() throws FormatException {
        String base = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha1\":\"00\"}}],";
        Statement noRunDetails = Statement.parse(Bytes.utf8(base + "\"predicateType\":\"https://slsa.dev/provenance/v1\","
                + "\"predicate\":{\"buildDefinition\":{\"buildType\":\"b\",\"externalParameters\":{}}}}"));
        Statement badPublish = Statement.parse(Bytes.utf8(base
                + "\"predicateType\":\"https://github.com/npm/attestation/tree/main/specs/publish/v0.1\",\"predicate\":{\"name\":\"a\"}}"));
        Statement noBuilder = Statement.parse(Bytes.utf8(base + "\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
                + "\"predicate\":{\"buildType\":\"b\"}}"));
        assertThatThrownBy(() -> Predicate.of(noRunDetails)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Predicate.of(badPublish)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Predicate.of(noBuilder)).isInstanceOf(FormatException.class);
    }
}
