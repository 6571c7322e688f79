package dev.hallmark.ca.fulcio;

import static dev.hallmark.ca.testing.Fixtures.NOW;
import static dev.hallmark.ca.testing.Fixtures.SHA;
import static dev.hallmark.core.x509.FulcioExtension.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.keys.CaChain;
import dev.hallmark.ca.testing.Fixtures;
import dev.hallmark.ca.testing.Refusals;
import dev.hallmark.ca.testing.TestCtLog;
import dev.hallmark.ca.testing.TestTokens;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.CertificateCheckException;
import dev.hallmark.core.x509.ChainValidator;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.core.x509.SubjectAlternativeName;
import dev.hallmark.core.x509.ValidatedChain;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private final TestCtLog log = new TestCtLog(NOW);
    private final CertificateAuthority ca = Fixtures.ca(log);
    private final Signer subject = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private IssuedCertificate issue(ObjectNode claims) throws IssuanceException {
        return ca.issue(TestTokens.verified(claims), SubjectKey.of(subject.publicKey()));
    }

    @Test
    void githubLeafCarriesEveryClaimInItsExtension() throws Exception {
        FulcioCertificate leaf = FulcioCertificate.parse(issue(Fixtures.githubClaims()).leaf());

        String workflow = "https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1";
        Map<FulcioExtension, String> expected = new EnumMap<>(FulcioExtension.class);
        expected.put(ISSUER_V1, TestTokens.GITHUB);
        expected.put(GITHUB_WORKFLOW_TRIGGER, "release");
        expected.put(GITHUB_WORKFLOW_SHA, SHA);
        expected.put(GITHUB_WORKFLOW_NAME, "Publish");
        expected.put(GITHUB_WORKFLOW_REPOSITORY, "microsoft/playwright-cli");
        expected.put(GITHUB_WORKFLOW_REF, "refs/tags/v0.1.1");
        expected.put(ISSUER, TestTokens.GITHUB);
        expected.put(BUILD_SIGNER_URI, workflow);
        expected.put(BUILD_SIGNER_DIGEST, SHA);
        expected.put(RUNNER_ENVIRONMENT, "github-hosted");
        expected.put(SOURCE_REPOSITORY_URI, "https://github.com/microsoft/playwright-cli");
        expected.put(SOURCE_REPOSITORY_DIGEST, SHA);
        expected.put(SOURCE_REPOSITORY_REF, "refs/tags/v0.1.1");
        expected.put(SOURCE_REPOSITORY_IDENTIFIER, "273562379");
        expected.put(SOURCE_REPOSITORY_OWNER_URI, "https://github.com/microsoft");
        expected.put(SOURCE_REPOSITORY_OWNER_IDENTIFIER, "6154722");
        expected.put(BUILD_CONFIG_URI, workflow);
        expected.put(BUILD_CONFIG_DIGEST, SHA);
        expected.put(BUILD_TRIGGER, "release");
        expected.put(RUN_INVOCATION_URI, "https://github.com/microsoft/playwright-cli/actions/runs/22026075834/attempts/1");
        expected.put(SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING, "public");
        expected.put(TOKEN_SUBJECT, "repo:microsoft/playwright-cli:ref:refs/tags/v0.1.1");
        assertThat(leaf.extensions()).isEqualTo(expected); // 1.23 omitted: no environment claim
        assertThat(leaf.san()).isEqualTo(new SubjectAlternativeName.UriName(workflow));
    }

    @Test
    void leafProfileFollowsFulcio() throws Exception {
        X509Certificate leaf = issue(Fixtures.githubClaims()).leaf();

        assertThat(leaf.getVersion()).isEqualTo(3);
        assertThat(leaf.getSerialNumber().signum()).isPositive();
        assertThat(leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(160);
        assertThat(leaf.getSubjectX500Principal().getEncoded()).hasSize(2); // empty SEQUENCE
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(Fixtures.chain().intermediate().getSubjectX500Principal());
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plusSeconds(600));
        assertThat(leaf.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.17");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSubjectAlternativeNames()).hasSize(1);
        assertThat(leaf.getExtensionValue("2.5.29.14")).isNotNull();
        // AKI = issuer's SKI: the key identifier octets of the intermediate's SKI appear in the leaf's AKI
        byte[] ski = java.util.Arrays.copyOfRange(Fixtures.chain().intermediate().getExtensionValue("2.5.29.14"), 4, 24);
        assertThat(new String(leaf.getExtensionValue("2.5.29.35"), StandardCharsets.ISO_8859_1))
                .contains(new String(ski, StandardCharsets.ISO_8859_1));
        assertThat(leaf.getPublicKey()).isEqualTo(subject.publicKey());
    }

    @Test
    void extensionsMatchTheRealPublicGoodLeafByteForByte() throws Exception {
        X509Certificate real = RealLeaf.playwright();
        X509Certificate ours = issue(Fixtures.githubClaims()).leaf();

        List<String> realArc = RealLeaf.arcOids(real);
        List<String> ourArc = RealLeaf.arcOids(ours);
        assertThat(ourArc).startsWith(realArc.toArray(String[]::new)); // same order, ours adds 1.24
        assertThat(ourArc).hasSize(realArc.size() + 1).last().isEqualTo(TOKEN_SUBJECT.oid());
        for (String oid : realArc) {
            assertThat(ours.getExtensionValue(oid)).as(oid).isEqualTo(real.getExtensionValue(oid));
        }
        assertThat(ours.getExtensionValue("2.5.29.17")).isEqualTo(real.getExtensionValue("2.5.29.17"));
        assertThat(ours.getExtensionValue("2.5.29.15")).isEqualTo(real.getExtensionValue("2.5.29.15"));
        assertThat(ours.getExtensionValue("2.5.29.37")).isEqualTo(real.getExtensionValue("2.5.29.37"));
        assertThat(ours.getCriticalExtensionOIDs()).isEqualTo(real.getCriticalExtensionOIDs());
        assertThat(RealLeaf.allOids(ours).subList(0, 5)).isEqualTo(RealLeaf.allOids(real).subList(0, 5));
    }

    @Test
    void legacyExtensionsAreRawAndNewOnesDerUtf8Strings() throws Exception {
        X509Certificate leaf = issue(Fixtures.githubClaims()).leaf();
        // getExtensionValue returns the extnValue OCTET STRING: 04 len ‖ content
        byte[] legacy = leaf.getExtensionValue(ISSUER_V1.oid());
        assertThat(new String(legacy, 2, legacy.length - 2, StandardCharsets.UTF_8)).isEqualTo(TestTokens.GITHUB);
        byte[] v2 = leaf.getExtensionValue(ISSUER.oid());
        assertThat(v2[2]).isEqualTo((byte) 0x0c);
        assertThat(new String(v2, 4, v2.length - 4, StandardCharsets.UTF_8)).isEqualTo(TestTokens.GITHUB);
    }

    @Test
    void gitlabLeafFollowsTheGitlabColumn() throws Exception {
        FulcioCertificate leaf = FulcioCertificate.parse(issue(Fixtures.gitlabClaims()).leaf());

        String config = "https://gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main";
        assertThat(leaf.san()).isEqualTo(new SubjectAlternativeName.UriName(config));
        Map<FulcioExtension, String> expected = new EnumMap<>(FulcioExtension.class);
        expected.put(ISSUER_V1, TestTokens.GITLAB);
        expected.put(ISSUER, TestTokens.GITLAB);
        expected.put(BUILD_SIGNER_URI, config);
        expected.put(BUILD_SIGNER_DIGEST, "0123456789abcdef0123456789abcdef01234567");
        expected.put(RUNNER_ENVIRONMENT, "gitlab-hosted");
        expected.put(SOURCE_REPOSITORY_URI, "https://gitlab.com/group/project");
        expected.put(SOURCE_REPOSITORY_DIGEST, SHA);
        expected.put(SOURCE_REPOSITORY_REF, "refs/heads/main");
        expected.put(SOURCE_REPOSITORY_IDENTIFIER, "42");
        expected.put(SOURCE_REPOSITORY_OWNER_URI, "https://gitlab.com/group");
        expected.put(SOURCE_REPOSITORY_OWNER_IDENTIFIER, "7");
        expected.put(BUILD_CONFIG_URI, config);
        expected.put(BUILD_CONFIG_DIGEST, "0123456789abcdef0123456789abcdef01234567");
        expected.put(BUILD_TRIGGER, "push");
        expected.put(RUN_INVOCATION_URI, "https://gitlab.com/group/project/-/jobs/1001");
        expected.put(SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING, "private");
        expected.put(DEPLOYMENT_ENVIRONMENT, "production");
        expected.put(TOKEN_SUBJECT, "project_path:group/project:ref_type:branch:ref:main");
        assertThat(leaf.extensions()).isEqualTo(expected);
    }

    @Test
    void gitlabTagRefAndUnknownRefType() throws Exception {
        ObjectNode claims = Fixtures.gitlabClaims();
        claims.put("ref", "v1.0.0").put("ref_type", "tag");
        assertThat(FulcioCertificate.parse(issue(claims).leaf()).sourceRepositoryRef()).contains("refs/tags/v1.0.0");

        claims.put("ref_type", "merge_request");
        assertThat(Refusals.reason(() -> issue(claims))).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void emailLeafHasRfc822NameAndOnlyIssuerAndSubject() throws Exception {
        FulcioCertificate leaf = FulcioCertificate.parse(issue(Fixtures.emailClaims()).leaf());

        assertThat(leaf.san()).isEqualTo(new SubjectAlternativeName.EmailName("dev@example.com"));
        assertThat(leaf.extensions()).isEqualTo(Map.of(ISSUER_V1, TestTokens.EMAIL, ISSUER, TestTokens.EMAIL, TOKEN_SUBJECT, "1234567890"));
    }

    @Test
    void deploymentEnvironmentIsEmittedWhenTheTokenHasOne() throws Exception {
        ObjectNode claims = Fixtures.githubClaims().put("environment", "npm");
        assertThat(FulcioCertificate.parse(issue(claims).leaf()).value(DEPLOYMENT_ENVIRONMENT)).contains("npm");
    }

    @Test
    void enterpriseServerUrlComesFromTheIssuerProfile() throws Exception {
        IdentityProfiles profiles = IdentityProfiles.standard()
                .withIssuer(TestTokens.GITHUB, IdentityProfiles.GITHUB_WORKFLOW.withDefault("url", "https://ghe.example.com"));
        CertificateAuthority ghes = CertificateAuthority.create(Fixtures.chain(), log, profiles, Fixtures.CLOCK);
        FulcioCertificate leaf = FulcioCertificate.parse(
                ghes.issue(TestTokens.verified(Fixtures.githubClaims()), SubjectKey.of(subject.publicKey())).leaf());
        assertThat(leaf.san().value()).startsWith("https://ghe.example.com/microsoft/playwright-cli/");
        assertThat(leaf.sourceRepositoryUri()).contains("https://ghe.example.com/microsoft/playwright-cli");
    }

    @Test
    void missingOrMistypedClaimsAreRefused() {
        ObjectNode missing = Fixtures.githubClaims();
        missing.remove("job_workflow_sha");
        assertThat(Refusals.reason(() -> issue(missing))).isEqualTo(Reason.MISSING_CLAIM);
        ObjectNode object = Fixtures.githubClaims();
        object.set("repository", Json.object());
        assertThat(Refusals.reason(() -> issue(object))).isEqualTo(Reason.INVALID_CLAIM);
        ObjectNode nonAscii = Fixtures.githubClaims().put("job_workflow_ref", "a/b/ü.yml@refs/heads/main");
        assertThat(Refusals.reason(() -> issue(nonAscii))).isEqualTo(Reason.INVALID_CLAIM);
        ObjectNode badEmail = Fixtures.emailClaims().put("email", "not-an-address");
        assertThat(Refusals.reason(() -> issue(badEmail))).isEqualTo(Reason.INVALID_CLAIM);
    }

    @Test
    void issuedLeafVerifiesWithCoreLikeARekorlessVerifier() throws Exception {
        IssuedCertificate issued = issue(Fixtures.githubClaims());
        X509Certificate leaf = issued.leaf();
        byte[] artifact = "hello, hallmark".getBytes(StandardCharsets.UTF_8);
        byte[] signature = subject.sign(artifact).toArray();

        SignatureAlgorithm.defaultFor(leaf.getPublicKey()).verifier(leaf.getPublicKey()).verify(artifact, signature);
        CaChain chain = Fixtures.chain();
        ValidatedChain path = ChainValidator.forCodeSigning(List.of(chain.authority()))
                .validate(leaf, issued.chain().subList(1, 2), leaf.getNotBefore().toInstant().plusSeconds(300));
        assertThat(path.path()).containsExactly(leaf, chain.intermediate(), chain.root());
        List<SignedCertificateTimestamp> scts = SignedCertificateTimestamp.embedded(leaf);
        assertThat(scts).containsExactly(issued.sct());
        assertThat(scts.getFirst().logId()).isEqualTo(log.logId());
        scts.getFirst().verify(SignedCertificateTimestamp.schemeFor(3).verifier(log.publicKey()), leaf, path.issuer());

        assertThatThrownBy(() -> ChainValidator.forCodeSigning(List.of(chain.authority()))
                .validate(leaf, List.of(), NOW.plusSeconds(601)))
                .isInstanceOfSatisfying(CertificateCheckException.class,
                        e -> assertThat(e.reason()).isEqualTo(CertificateCheckException.Reason.EXPIRED));
    }

    @Test
    void precertificateCarriesThePoisonAndTheSameTbs() throws Exception {
        X509Certificate leaf = issue(Fixtures.githubClaims()).leaf();

        List<X509Certificate> submitted = log.submissions().getFirst();
        CaChain chain = Fixtures.chain();
        assertThat(submitted).hasSize(3).endsWith(chain.intermediate(), chain.root());
        X509Certificate precert = submitted.getFirst();
        assertThat(precert.getCriticalExtensionOIDs()).contains(TestCtLog.POISON);
        assertThat(precert.getExtensionValue(TestCtLog.POISON)).containsExactly(0x04, 0x02, 0x05, 0x00);
        assertThat(precert.getSerialNumber()).isEqualTo(leaf.getSerialNumber());
        assertThat(leaf.getExtensionValue(TestCtLog.POISON)).isNull();
        assertThat(SignedCertificateTimestamp.embedded(leaf)).hasSize(1);
        List<String> leafOids = RealLeaf.allOids(leaf);
        assertThat(leafOids.getLast()).isEqualTo(SignedCertificateTimestamp.SCT_LIST_OID);
        assertThat(leafOids.subList(0, leafOids.size() - 1)).isEqualTo(RealLeaf.allOids(precert).subList(0, leafOids.size() - 1));
    }

    @Test
    void ctFailuresAreCaFailures() {
        CertificateAuthority down = Fixtures.ca(new TestCtLog(NOW).failing());
        assertThat(Refusals.reason(() -> down.issue(TestTokens.verified(Fixtures.githubClaims()), SubjectKey.of(subject.publicKey()))))
                .isEqualTo(Reason.CT_LOG_FAILED);
        CertificateAuthority lying = Fixtures.ca(new TestCtLog(NOW).tampering());
        assertThat(Refusals.reason(() -> lying.issue(TestTokens.verified(Fixtures.githubClaims()), SubjectKey.of(subject.publicKey()))))
                .isEqualTo(Reason.CT_LOG_FAILED);
        assertThat(Reason.CT_LOG_FAILED.clientError()).isFalse();
    }

    @Test
    void serialsAreFresh() throws Exception {
        assertThat(issue(Fixtures.githubClaims()).leaf().getSerialNumber())
                .isNotEqualTo(issue(Fixtures.githubClaims()).leaf().getSerialNumber());
    }
}
