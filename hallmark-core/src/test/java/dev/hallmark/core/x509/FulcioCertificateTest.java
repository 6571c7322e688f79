package dev.hallmark.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.x509.SubjectAlternativeName.EmailName;
import dev.hallmark.core.x509.SubjectAlternativeName.OtherName;
import dev.hallmark.core.x509.SubjectAlternativeName.UriName;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class FulcioCertificateTest {
    static final String PLAYWRIGHT = "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json";
    static final String SHA = "d1c6d1113932ddcee243e8b111b6d4aea553df20";
    static final String WORKFLOW = "https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1";

    static X509Certificate playwrightLeaf() throws Exception {
        return TestTrustedRoot.bundleCertificates(PLAYWRIGHT).get(0);
    }

    @Test
    void playwrightLeafCarriesTheDocumentedExtensions() throws Exception {
        FulcioCertificate cert = FulcioCertificate.parse(playwrightLeaf());
        assertThat(cert.san()).isEqualTo(new UriName(WORKFLOW));
        assertThat(cert.hasCodeSigningEku()).isTrue();
        assertThat(cert.issuer()).contains("https://token.actions.githubusercontent.com");
        assertThat(cert.extensions()).containsEntry(FulcioExtension.ISSUER_V1, "https://token.actions.githubusercontent.com")
                .containsEntry(FulcioExtension.GITHUB_WORKFLOW_TRIGGER, "release")
                .containsEntry(FulcioExtension.GITHUB_WORKFLOW_SHA, SHA)
                .containsEntry(FulcioExtension.GITHUB_WORKFLOW_NAME, "Publish")
                .containsEntry(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, "microsoft/playwright-cli")
                .containsEntry(FulcioExtension.GITHUB_WORKFLOW_REF, "refs/tags/v0.1.1")
                .containsEntry(FulcioExtension.ISSUER, "https://token.actions.githubusercontent.com")
                .containsEntry(FulcioExtension.BUILD_SIGNER_DIGEST, SHA)
                .containsEntry(FulcioExtension.SOURCE_REPOSITORY_DIGEST, SHA)
                .containsEntry(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER, "273562379")
                .containsEntry(FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, "https://github.com/microsoft")
                .containsEntry(FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER, "6154722")
                .containsEntry(FulcioExtension.BUILD_CONFIG_DIGEST, SHA)
                .doesNotContainKeys(FulcioExtension.DEPLOYMENT_ENVIRONMENT, FulcioExtension.TOKEN_SUBJECT)
                .hasSize(21);
        assertThat(cert.buildSignerUri()).contains(WORKFLOW);
        assertThat(cert.runnerEnvironment()).contains("github-hosted");
        assertThat(cert.sourceRepositoryUri()).contains("https://github.com/microsoft/playwright-cli");
        assertThat(cert.sourceRepositoryRef()).contains("refs/tags/v0.1.1");
        assertThat(cert.buildConfigUri()).contains(WORKFLOW);
        assertThat(cert.buildTrigger()).contains("release");
        assertThat(cert.runInvocationUri()).contains("https://github.com/microsoft/playwright-cli/actions/runs/22026075834/attempts/1");
        assertThat(cert.sourceRepositoryVisibility()).contains("public");
    }

    @Test
    void conformanceLeafParses() throws Exception {
        X509Certificate leaf = TestTrustedRoot.bundleCertificates("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json").get(0);
        FulcioCertificate cert = FulcioCertificate.parse(leaf);
        assertThat(cert.san()).isEqualTo(new UriName(
                "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"));
        assertThat(cert.issuer()).contains("https://token.actions.githubusercontent.com");
        assertThat(cert.hasCodeSigningEku()).isTrue();
    }

    @Test
    void emailAndOtherNameIdentities() throws Exception {
        TestPki.Issued ca = TestPki.root("CN=ca").build();
        X509Certificate email = ca.issue("CN=x").codeSigning().san(new GeneralName(GeneralName.rfc822Name, "a@example.com"))
                .extension(FulcioExtension.ISSUER_V1.oid(), false, "https://accounts.example.com".getBytes(StandardCharsets.UTF_8))
                .build().cert();
        FulcioCertificate parsed = FulcioCertificate.parse(email);
        assertThat(parsed.san()).isEqualTo(new EmailName("a@example.com"));
        assertThat(parsed.issuer()).contains("https://accounts.example.com"); // falls back to 1.1

        var other = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1ObjectIdentifier(SubjectAlternativeName.OTHER_NAME_TYPE), new DERTaggedObject(true, 0, new DERUTF8String("alice"))});
        X509Certificate username = ca.issue("CN=y").san(new GeneralName(GeneralName.otherName, other))
                .extension(FulcioExtension.ISSUER.oid(), new DERUTF8String("https://issuer.example"))
                .build().cert();
        FulcioCertificate parsedUser = FulcioCertificate.parse(username);
        assertThat(parsedUser.san()).isEqualTo(new OtherName("alice"));
        assertThat(parsedUser.issuer()).contains("https://issuer.example");
        assertThat(parsedUser.hasCodeSigningEku()).isFalse();
    }

    @Test
    void legacyExtensionsAcceptTheDerFormTooButNewOnesMustBeDer() throws Exception {
        assertThat(FulcioExtension.GITHUB_WORKFLOW_REF.decode(new DERUTF8String("refs/heads/main").getEncoded())).isEqualTo("refs/heads/main");
        assertThat(FulcioExtension.GITHUB_WORKFLOW_REF.decode("refs/heads/main".getBytes(StandardCharsets.UTF_8))).isEqualTo("refs/heads/main");
        assertThatThrownBy(() -> FulcioExtension.SOURCE_REPOSITORY_REF.decode("refs/heads/main".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> FulcioExtension.ISSUER_V1.decode(new byte[] {(byte) 0xc3, 0x28})).isInstanceOf(FormatException.class);
        assertThat(FulcioExtension.forOid("1.3.6.1.4.1.57264.1.7")).isEmpty();
        assertThat(FulcioExtension.forOid("1.3.6.1.4.1.57264.1.24")).contains(FulcioExtension.TOKEN_SUBJECT);
    }

    @Test
    void exactlyOneSupportedSanIsRequired() throws Exception {
        TestPki.Issued ca = TestPki.root("CN=ca").build();
        X509Certificate none = ca.issue("CN=a").build().cert();
        X509Certificate two = ca.issue("CN=b").san(new GeneralName(GeneralName.rfc822Name, "a@example.com"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.com")).build().cert();
        X509Certificate dns = ca.issue("CN=c").san(new GeneralName(GeneralName.dNSName, "example.com")).build().cert();
        X509Certificate badExtension = ca.issue("CN=d").san(new GeneralName(GeneralName.rfc822Name, "a@example.com"))
                .extension(FulcioExtension.RUNNER_ENVIRONMENT.oid(), false, "raw".getBytes(StandardCharsets.UTF_8)).build().cert();
        for (X509Certificate c : new X509Certificate[] {none, two, dns, badExtension}) {
            assertThatThrownBy(() -> FulcioCertificate.parse(c)).isInstanceOf(FormatException.class);
        }
    }
}
