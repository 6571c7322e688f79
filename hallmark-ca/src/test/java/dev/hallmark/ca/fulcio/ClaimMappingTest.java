package dev.hallmark.ca.fulcio;

import static dev.hallmark.ca.testing.Fixtures.NOW;
import static dev.hallmark.core.x509.FulcioExtension.BUILD_SIGNER_URI;
import static dev.hallmark.core.x509.FulcioExtension.BUILD_TRIGGER;
import static dev.hallmark.core.x509.FulcioExtension.ISSUER;
import static dev.hallmark.core.x509.FulcioExtension.ISSUER_V1;
import static dev.hallmark.core.x509.FulcioExtension.RUNNER_ENVIRONMENT;
import static dev.hallmark.core.x509.FulcioExtension.RUN_INVOCATION_URI;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_DIGEST;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_URI;
import static dev.hallmark.core.x509.FulcioExtension.TOKEN_SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.ca.testing.Fixtures;
import dev.hallmark.ca.testing.Refusals;
import dev.hallmark.ca.testing.TestCtLog;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.core.x509.SubjectAlternativeName;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.junit.jupiter.api.Test;

/** hallmark.yaml's claimMapping (Fulcio's ci-issuer-metadata shape) as the CA applies it to issued certificates. */
class ClaimMappingTest {
    private static final String CI = "https://ci.example";
    private static final IssuerConfig CI_ISSUER = new IssuerConfig(Optional.of(CI), Optional.empty(), "sigstore",
            IssuerType.CI_PROVIDER, "sub");
    private static final ClaimMapping CI_MAPPING = new ClaimMapping(Optional.of("{{ .url }}/{{ .org }}/{{pipeline}}"),
            Map.of(SOURCE_REPOSITORY_URI, "{{url}}/{{repository}}",
                    SOURCE_REPOSITORY_DIGEST, "commit",
                    BUILD_TRIGGER, "trigger",
                    RUN_INVOCATION_URI, "{{url}}/{{org}}/runs/{{run}}",
                    RUNNER_ENVIRONMENT, "runner",
                    BUILD_SIGNER_URI, "{{url}}/{{org}}/{{pipeline}}"),
            Map.of("url", "https://builds.ci.example", "runner", "self-hosted"));

    private final Signer subject = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private static ObjectNode ciClaims() {
        ObjectNode c = Json.object();
        c.put("iss", CI);
        c.put("sub", "pipeline:acme/release");
        c.put("org", "acme");
        c.put("pipeline", "release");
        c.put("repository", "acme/widget");
        c.put("commit", Fixtures.SHA);
        c.put("trigger", "tag");
        c.put("run", 4711);
        return c;
    }

    private X509Certificate issue(IdentityProfiles profiles, IssuerConfig issuer, ObjectNode claims) throws IssuanceException {
        CertificateAuthority ca = CertificateAuthority.create(Fixtures.chain(), new TestCtLog(NOW), profiles, Fixtures.CLOCK);
        VerifiedToken token = new VerifiedToken(issuer, claims.get("sub").asText(), claims, NOW.plusSeconds(600));
        return ca.issue(token, SubjectKey.of(subject.publicKey())).leaf();
    }

    /** An extension's value read with BouncyCastle from the certificate's bytes, independently of hallmark-core. */
    private static Optional<String> oidValue(X509Certificate cert, FulcioExtension extension) {
        byte[] extnValue = cert.getExtensionValue(extension.oid());
        if (extnValue == null) {
            return Optional.empty();
        }
        byte[] content = ASN1OctetString.getInstance(extnValue).getOctets();
        return Optional.of(extension.encoding() == FulcioExtension.Encoding.RAW
                ? new String(content, StandardCharsets.UTF_8) : ASN1UTF8String.getInstance(content).getString());
    }

    @Test
    void ciProviderTemplatesMakeTheSanAndEveryExtension() throws Exception {
        IdentityProfiles profiles = IdentityProfiles.standard().withMapping(CI_ISSUER, CI_MAPPING);
        X509Certificate leaf = issue(profiles, CI_ISSUER, ciClaims());

        Map<FulcioExtension, String> expected = new EnumMap<>(FulcioExtension.class);
        expected.put(ISSUER_V1, CI);
        expected.put(ISSUER, CI);
        expected.put(BUILD_SIGNER_URI, "https://builds.ci.example/acme/release");
        expected.put(RUNNER_ENVIRONMENT, "self-hosted"); // no runner claim: the default
        expected.put(SOURCE_REPOSITORY_URI, "https://builds.ci.example/acme/widget");
        expected.put(SOURCE_REPOSITORY_DIGEST, Fixtures.SHA);
        expected.put(BUILD_TRIGGER, "tag");
        expected.put(RUN_INVOCATION_URI, "https://builds.ci.example/acme/runs/4711");
        expected.put(TOKEN_SUBJECT, "pipeline:acme/release");
        for (FulcioExtension extension : FulcioExtension.values()) {
            assertThat(oidValue(leaf, extension)).as(extension.oid()).isEqualTo(Optional.ofNullable(expected.get(extension)));
        }
        FulcioCertificate parsed = FulcioCertificate.parse(leaf);
        assertThat(parsed.extensions()).isEqualTo(expected);
        assertThat(parsed.san()).isEqualTo(new SubjectAlternativeName.UriName("https://builds.ci.example/acme/release"));
    }

    @Test
    void claimsWinOverDefaults() throws Exception {
        ObjectNode claims = ciClaims();
        claims.put("url", "https://eu.ci.example");
        claims.put("runner", "hosted");
        FulcioCertificate leaf = FulcioCertificate.parse(issue(IdentityProfiles.standard().withMapping(CI_ISSUER, CI_MAPPING),
                CI_ISSUER, claims));
        assertThat(leaf.san()).isEqualTo(new SubjectAlternativeName.UriName("https://eu.ci.example/acme/release"));
        assertThat(leaf.runnerEnvironment()).contains("hosted");
    }

    @Test
    void aClaimNeitherInTheTokenNorDefaultedRefusesIssuance() {
        ObjectNode claims = ciClaims();
        claims.remove("repository");
        IdentityProfiles profiles = IdentityProfiles.standard().withMapping(CI_ISSUER, CI_MAPPING);
        assertThat(Refusals.reason(() -> issue(profiles, CI_ISSUER, claims))).isEqualTo(Reason.MISSING_CLAIM);
    }

    @Test
    void defaultsAloneKeepTheTypesTemplates() throws Exception {
        // a GitHub Enterprise Server issuer: the github-workflow profile, its url default pointing at the server
        String ghes = "https://ghe.example/_services/token";
        IssuerConfig issuer = new IssuerConfig(Optional.empty(), Optional.of("https://*.example/_services/token"),
                "sigstore", IssuerType.GITHUB_WORKFLOW, "sub");
        ObjectNode claims = Fixtures.githubClaims();
        claims.put("iss", ghes);
        ClaimMapping mapping = new ClaimMapping(Optional.empty(), Map.of(), Map.of("url", "https://ghe.example"));
        FulcioCertificate leaf = FulcioCertificate.parse(issue(IdentityProfiles.standard().withMapping(issuer, mapping),
                issuer, claims));
        assertThat(leaf.san()).isEqualTo(new SubjectAlternativeName.UriName(
                "https://ghe.example/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1"));
        assertThat(leaf.sourceRepositoryUri()).contains("https://ghe.example/microsoft/playwright-cli");
        assertThat(leaf.issuer()).contains(ghes);
        assertThat(leaf.extensions()).hasSize(22); // the github-workflow table, as without a mapping
    }

    @Test
    void anEmailIssuersSanStaysAnEmailAddress() throws Exception {
        IssuerConfig issuer = new IssuerConfig(Optional.of(CI), Optional.empty(), "sigstore", IssuerType.EMAIL, "email");
        ClaimMapping mapping = new ClaimMapping(Optional.of("{{user}}@{{domain}}"), Map.of(), Map.of("domain", "corp.example"));
        ObjectNode claims = Json.object().put("iss", CI).put("sub", "u-1").put("user", "dev");
        FulcioCertificate leaf = FulcioCertificate.parse(issue(IdentityProfiles.standard().withMapping(issuer, mapping),
                issuer, claims));
        assertThat(leaf.san()).isEqualTo(new SubjectAlternativeName.EmailName("dev@corp.example"));
        assertThat(leaf.extensions().keySet()).containsExactly(ISSUER_V1, ISSUER, TOKEN_SUBJECT);
    }

    @Test
    void malformedTemplatesAreRefused() {
        for (String template : List.of("", "{{", "}}", "{{url}", "{{url}}}}", "{{}}", "{{ . }}", "x}}", "https://x",
                "{{if eq .ref_type \"branch\"}}heads{{end}}", "{{index . \"a\"}}", "{{url}}/{{a b}}", "a".repeat(1025))) {
            assertThat(ClaimMapping.templateProblem(template)).as(template).isPresent();
            assertThatIllegalArgumentException().as(template).isThrownBy(() -> new ClaimMapping(Optional.of(template),
                    Map.of(), Map.of()));
            assertThatIllegalArgumentException().as(template).isThrownBy(() -> new ClaimMapping(Optional.of("sub"),
                    Map.of(BUILD_TRIGGER, template), Map.of()));
        }
        for (String template : List.of("sub", "oidc.circleci.com/project-id", "{{url}}/{{repository}}", "{{ .url }}",
                "refs/heads/{{ref}}", "{{a}}{{b}}")) {
            assertThat(ClaimMapping.templateProblem(template)).as(template).isEmpty();
        }
    }

    @Test
    void issuerAndSubjectAreNeverTemplated() {
        for (FulcioExtension fixed : ClaimMapping.FIXED) {
            assertThatIllegalArgumentException().isThrownBy(() -> new ClaimMapping(Optional.of("sub"),
                    Map.of(fixed, "email"), Map.of()));
        }
        assertThatIllegalArgumentException().as("extensions without a SAN template")
                .isThrownBy(() -> new ClaimMapping(Optional.empty(), Map.of(BUILD_TRIGGER, "event"), Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClaimMapping(Optional.empty(), Map.of(),
                Map.of("not a name", "x")));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClaimMapping(Optional.empty(), Map.of(),
                Map.of("url", "x".repeat(ClaimMapping.MAX_DEFAULT_BYTES + 1))));
    }

    @Test
    void extensionsAreNamedAsFulciosFields() {
        assertThat(ClaimMapping.extensionNamed("sourceRepositoryURI")).contains(SOURCE_REPOSITORY_URI);
        assertThat(ClaimMapping.extensionNamed("githubWorkflowSHA")).contains(FulcioExtension.GITHUB_WORKFLOW_SHA);
        assertThat(ClaimMapping.extensionNamed("source-repository-uri")).isEmpty();
        assertThat(ClaimMapping.extensionNamed("SourceRepositoryURI")).isEmpty();
        Set<String> seen = new HashSet<>();
        for (FulcioExtension e : FulcioExtension.values()) {
            assertThat(seen.add(ClaimMapping.nameOf(e))).as(e.name()).isTrue();
            assertThat(ClaimMapping.extensionNamed(ClaimMapping.nameOf(e))).contains(e);
        }
        assertThat(ClaimMapping.extensionNames()).hasSize(FulcioExtension.values().length - ClaimMapping.FIXED.size())
                .contains("deploymentEnvironment", "runInvocationURI").doesNotContain("issuer", "tokenSubject");
    }
}
