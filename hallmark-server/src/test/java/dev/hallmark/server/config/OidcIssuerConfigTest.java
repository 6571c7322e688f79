package dev.hallmark.server.config;

import static dev.hallmark.core.x509.FulcioExtension.BUILD_TRIGGER;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_DIGEST;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.ca.fulcio.ClaimMapping;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.server.config.OidcIssuerConfig.IssuerUrl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** hallmark.yaml's {@code oidc.issuers}: exact and wildcard URLs, claim mappings, and every way to get them wrong. */
class OidcIssuerConfigTest {
    private static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HallmarkConfig withIssuers(OidcIssuerConfig... issuers) {
        HallmarkConfig d = HallmarkConfig.defaults();
        return new HallmarkConfig(d.server(), d.registry(), d.ca(), d.ct(), d.log(), d.tsa(), d.tuf(), d.storage(),
                d.limits(), new OidcConfig(List.of(issuers)), d.witnesses(), d.registryPolicy(), d.dev());
    }

    private static List<String> problems(String text) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigCodec.read(yaml(text))).problems();
    }

    @Test
    void readsAWildcardIssuerAndAFulcioShapedClaimMapping() throws Exception {
        HallmarkConfig config = ConfigCodec.read(yaml("""
                oidc:
                  issuers:
                    - type: github-workflow
                      wildcardUrl: https://*.ghe.example/_services/token
                      audience: sigstore
                      claimMapping:
                        defaultTemplateValues: {url: https://ghe.example}
                    - type: ci-provider
                      url: https://ci.example
                      audience: sigstore
                      claimMapping:
                        subjectAlternativeNameTemplate: "{{ .url }}/{{ .pipeline }}"
                        extensionTemplates:
                          sourceRepositoryURI: "{{url}}/{{repository}}"
                          sourceRepositoryDigest: sha
                          buildTrigger: event
                        defaultTemplateValues:
                          url: https://builds.ci.example
                """));
        assertThat(config.oidc().issuers()).containsExactly(
                new OidcIssuerConfig(IssuerType.GITHUB_WORKFLOW, new IssuerUrl.Wildcard("https://*.ghe.example/_services/token"),
                        "sigstore", Optional.of(new ClaimMapping(Optional.empty(), Map.of(), Map.of("url", "https://ghe.example")))),
                new OidcIssuerConfig(IssuerType.CI_PROVIDER, new IssuerUrl.Exact("https://ci.example"), "sigstore",
                        Optional.of(new ClaimMapping(Optional.of("{{ .url }}/{{ .pipeline }}"),
                                Map.of(SOURCE_REPOSITORY_URI, "{{url}}/{{repository}}", SOURCE_REPOSITORY_DIGEST, "sha",
                                        BUILD_TRIGGER, "event"),
                                Map.of("url", "https://builds.ci.example")))));
    }

    @Test
    void wildcardsAndMappingsRoundTrip() throws Exception {
        HallmarkConfig config = withIssuers(
                OidcIssuerConfig.exact(IssuerType.EMAIL, "https://accounts.example", "sigstore"),
                new OidcIssuerConfig(IssuerType.GITLAB_PIPELINE, new IssuerUrl.Wildcard("https://gitlab.*.example"), "aud",
                        Optional.empty()),
                new OidcIssuerConfig(IssuerType.CI_PROVIDER, new IssuerUrl.Exact("http://127.0.0.1:9000/ci"), "sigstore",
                        Optional.of(new ClaimMapping(Optional.of("{{url}}/{{org}}/{{pipeline}}"),
                                Map.of(SOURCE_REPOSITORY_URI, "{{url}}/{{repository}}", BUILD_TRIGGER, "event"),
                                Map.of("url", "https://ci.example", "runner", "")))));
        byte[] written = ConfigCodec.write(config);
        assertThat(ConfigCodec.read(written)).isEqualTo(config);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .contains("wildcardUrl: https://gitlab.*.example")
                .contains("sourceRepositoryURI:")
                .contains("subjectAlternativeNameTemplate:");
    }

    @Test
    void theWrittenFileDocumentsTheIssuerKeys() {
        String text = new String(ConfigCodec.write(HallmarkConfig.defaults()), StandardCharsets.UTF_8);
        assertThat(text).contains("#   wildcardUrl: https://*.ghe.example/_services/token")
                .contains("#   claimMapping:")
                .contains("#     subjectAlternativeNameTemplate:")
                .contains("#     extensionTemplates:")
                .contains("#     defaultTemplateValues:");
        for (String name : ClaimMapping.extensionNames()) {
            assertThat(text).as(name).contains(" " + name);
        }
    }

    @Test
    void everyIssuerProblemIsReportedAtOnce() {
        assertThat(problems("""
                oidc:
                  issuers:
                    - type: github-workflow
                      url: https://a.example
                      wildcardUrl: https://*.a.example
                      audience: sigstore
                    - type: github-workflow
                      audience: sigstore
                    - type: gitlab-pipeline
                      wildcardUrl: https://gitlab.example
                      audience: sigstore
                    - type: gitlab-pipeline
                      wildcardUrl: "http*://gitlab.example"
                      audience: sigstore
                    - type: ci-provider
                      wildcardUrl: http://*.ci.example
                      audience: sigstore
                    - type: ci-provider
                      url: https://b.example
                      audience: sigstore
                    - type: ci-provider
                      wildcardUrl: https://*.b.example
                      audience: sigstore
                      claimMapping: {}
                    - type: uri
                      wildcardUrl: https://*.b.example
                      audience: sigstore
                """)).containsExactly(
                "oidc.issuers[0] has both url and wildcardUrl; give exactly one",
                "oidc.issuers[1].url (or wildcardUrl) is required",
                "oidc.issuers[2].wildcardUrl must contain '*' (outside the scheme), e.g. https://*.ghe.example/_services/token",
                "oidc.issuers[3].wildcardUrl must contain '*' (outside the scheme), e.g. https://*.ghe.example/_services/token",
                "oidc.issuers[4].wildcardUrl must use https (http only for a loopback issuer)",
                "oidc.issuers[7].wildcardUrl is listed twice");
    }

    @Test
    void everyClaimMappingProblemIsReportedAtOnce() {
        assertThat(problems("""
                oidc:
                  issuers:
                    - type: ci-provider
                      url: https://ci.example
                      audience: sigstore
                      claimMapping:
                        subjectAlternativeNameTemplate: "{{url}/{{pipeline}}"
                        extensionTemplates:
                          sourceRepositoryURI: "{{url}}/{{repository}}"
                          source-repository-digest: sha
                          buildSignerUri: "{{url}}"
                          fooBar: x
                          issuer: iss
                          buildTrigger: "{{if eq .event \\"push\\"}}push{{end}}"
                          runInvocationURI: 42
                        defaultTemplateValues:
                          url: [https://ci.example]
                          "not a name": x
                        matchers: []
                    - type: ci-provider
                      url: https://ci2.example
                      audience: sigstore
                      claimMapping:
                        extensionTemplates: {buildTrigger: event}
                    - type: ci-provider
                      url: https://ci3.example
                      audience: sigstore
                      claimMapping:
                        extensionTemplates: [buildTrigger]
                        defaultTemplateValues: url
                """)).containsExactlyInAnyOrder(
                "oidc.issuers[0].claimMapping.matchers is not a known setting",
                "oidc.issuers[0].claimMapping.subjectAlternativeNameTemplate: '{{url}/{{pipeline}}' has a variable that is not a claim name: {{url}/{{pipeline}}",
                "oidc.issuers[0].claimMapping.extensionTemplates.source-repository-digest is not a Fulcio extension name (such as sourceRepositoryURI); did you mean sourceRepositoryDigest?",
                "oidc.issuers[0].claimMapping.extensionTemplates.buildSignerUri is not a Fulcio extension name (such as sourceRepositoryURI); did you mean buildSignerURI?",
                "oidc.issuers[0].claimMapping.extensionTemplates.fooBar is not a Fulcio extension name (such as sourceRepositoryURI)",
                "oidc.issuers[0].claimMapping.extensionTemplates.issuer cannot be set: it always comes from the token",
                "oidc.issuers[0].claimMapping.extensionTemplates.buildTrigger: '{{if eq .event \"push\"}}push{{end}}' has a variable that is not a claim name: {{if eq .event \"push\"}}",
                "oidc.issuers[0].claimMapping.extensionTemplates.runInvocationURI must be a string",
                "oidc.issuers[0].claimMapping.defaultTemplateValues.url must be a string",
                "oidc.issuers[0].claimMapping.defaultTemplateValues.not a name: 'not a name' is not a claim name",
                "oidc.issuers[1].claimMapping.subjectAlternativeNameTemplate is required with extensionTemplates",
                "oidc.issuers[2].claimMapping.extensionTemplates must be a mapping",
                "oidc.issuers[2].claimMapping.defaultTemplateValues must be a mapping");
    }

    @Test
    void issuerTypesAreTheCasOwn() {
        assertThat(problems("oidc:\n  issuers:\n    - {type: github, url: https://a.example, audience: sigstore}\n"))
                .containsExactly("oidc.issuers[0].type must be one of github-workflow, gitlab-pipeline, email, uri, ci-provider");
        for (IssuerType type : IssuerType.values()) {
            assertThat(IssuerType.named(type.configName())).contains(type);
        }
    }
}
