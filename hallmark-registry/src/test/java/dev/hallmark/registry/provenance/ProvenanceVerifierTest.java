package dev.hallmark.registry.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.pkg.TarballInspector;
import dev.hallmark.registry.pkg.TarballLimits;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Provenance on publish, judged on a real npmjs publish (@playwright/cli 0.1.1, built on github.com's runners). */
class ProvenanceVerifierTest {
    static final PackageName NAME = name();

    static PackageName name() {
        try {
            return PackageName.parse(PlaywrightVector.NAME);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode manifest() throws Exception {
        return TarballInspector.inspect(PlaywrightVector.tarball(), TarballLimits.defaults()).packageJson();
    }

    static ProvenanceVerifier verifier(ProvenancePolicy policy) throws Exception {
        return new ProvenanceVerifier(List.of(PlaywrightVector.publicGoodVerifier()), policy);
    }

    static String refusal(ProvenanceVerifier v, byte[] tarball, ObjectNode manifest, byte[] bundle) {
        try {
            v.check(NAME, PlaywrightVector.VERSION, Digest.sha512(tarball), manifest, Optional.of(Bytes.of(bundle)));
        } catch (RegistryException e) {
            assertThat(e.reason()).isEqualTo(RegistryException.Reason.PROVENANCE_INVALID);
            assertThat(e.status()).isEqualTo(422);
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void theRealPublishVerifies() throws Exception {
        Optional<VerifiedProvenance> v = verifier(ProvenancePolicy.DEFAULT).check(NAME, PlaywrightVector.VERSION,
                Digest.sha512(PlaywrightVector.tarball()), manifest(), Optional.of(Bytes.of(PlaywrightVector.provenanceBundle())));
        assertThat(v).hasValueSatisfying(p -> {
            assertThat(p.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
            assertThat(p.result().logEntries()).isNotEmpty();
        });
    }

    @Test
    void anotherTarballIsASubjectMismatch() throws Exception {
        byte[] other = dev.hallmark.registry.pkg.TestTarballs.npmPackage(PlaywrightVector.NAME, PlaywrightVector.VERSION);
        assertThat(refusal(verifier(ProvenancePolicy.DEFAULT), other, manifest(), PlaywrightVector.provenanceBundle()))
                .isEqualTo("Error verifying sigstore provenance bundle: Provenance subject digest does not match the package");
    }

    @Test
    void aRepositoryOtherThanTheCertificatesIsRefused() throws Exception {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("repository")).put("url", "git+https://github.com/evil/playwright-cli.git");
        assertThat(refusal(verifier(ProvenancePolicy.DEFAULT), PlaywrightVector.tarball(), manifest,
                PlaywrightVector.provenanceBundle())).isEqualTo("Error verifying sigstore provenance bundle: Failed to"
                + " validate repository information: package.json: \"repository.url\" is"
                + " \"git+https://github.com/evil/playwright-cli.git\", expected to match"
                + " \"https://github.com/microsoft/playwright-cli\" from provenance");
        manifest.remove("repository");
        assertThat(refusal(verifier(ProvenancePolicy.DEFAULT), PlaywrightVector.tarball(), manifest,
                PlaywrightVector.provenanceBundle())).contains("\"repository.url\" is \"\"");
    }

    @Test
    void anIssuerOutsideTheAllowListIsRefused() throws Exception {
        ProvenancePolicy onlyGitlab = new ProvenancePolicy(List.of(), Set.of("https://gitlab.com"), false, false);
        assertThat(refusal(verifier(onlyGitlab), PlaywrightVector.tarball(), manifest(), PlaywrightVector.provenanceBundle()))
                .contains("Unsupported OIDC issuer: \"https://token.actions.githubusercontent.com\"");
    }

    @Test
    void anUntrustedRootFailsTheChain() throws Exception {
        // a trusted root with none of public-good's CAs: the certificate chains to nothing trusted
        ObjectNode root = Json.parseObject(dev.hallmark.core.Vectors.bytes("npm/playwright-cli-0.1.1/trusted_root.json"), 1 << 22);
        root.putArray("certificateAuthorities");
        var verifier = new ProvenanceVerifier(List.of(dev.hallmark.core.verify.Verifier.create(
                dev.hallmark.core.trust.TrustedRootCodec.parse(Json.write(root)),
                dev.hallmark.core.verify.VerifierOptions.defaults(), java.time.InstantSource.system())),
                ProvenancePolicy.DEFAULT);
        // the verifier's reason appears once, followed by its detail
        assertThat(refusal(verifier, PlaywrightVector.tarball(), manifest(), PlaywrightVector.provenanceBundle()))
                .startsWith("Error verifying sigstore provenance bundle: CERTIFICATE_UNTRUSTED: ")
                .doesNotContain("CERTIFICATE_UNTRUSTED: CERTIFICATE_UNTRUSTED");
    }

    @Test
    void aTamperedBundleIsRefused() throws Exception {
        ObjectNode bundle = Json.parseObject(PlaywrightVector.provenanceBundle(), 1 << 22);
        String sig = bundle.at("/dsseEnvelope/signatures/0/sig").asText();
        ((ObjectNode) bundle.at("/dsseEnvelope/signatures/0")).put("sig", sig.substring(0, 10)
                + (sig.charAt(10) == 'A' ? 'B' : 'A') + sig.substring(11));
        assertThat(refusal(verifier(ProvenancePolicy.DEFAULT), PlaywrightVector.tarball(), manifest(), Json.write(bundle)))
                .startsWith("Error verifying sigstore provenance bundle: ");
    }

    @Test
    void policyRequiresProvenanceByPattern() throws Exception {
        ProvenancePolicy policy = new ProvenancePolicy(List.of("@playwright/*"), Set.of(), false, false);
        assertThat(policy.requires("@playwright/cli")).isTrue();
        assertThat(policy.requires("@play/cli")).isFalse();
        assertThatThrownBy(() -> verifier(policy).check(NAME, PlaywrightVector.VERSION, Digest.sha512(PlaywrightVector.tarball()),
                manifest(), Optional.empty())).isInstanceOf(RegistryException.class).hasMessageContaining("requires provenance");
        assertThat(verifier(ProvenancePolicy.DEFAULT).check(NAME, PlaywrightVector.VERSION,
                Digest.sha512(PlaywrightVector.tarball()), manifest(), Optional.empty())).isEmpty();
    }

    @Test
    void repositoryUrlsAreNormalisedAsNpmjsDoes() {
        assertThat(RepositoryUrls.normalize("git+https://github.com/o/r.git")).isEqualTo("https://github.com/o/r");
        assertThat(RepositoryUrls.normalize("git@github.com:o/r.git")).isEqualTo("https://github.com/o/r");
        assertThat(RepositoryUrls.normalize("git://github.com/o/r")).isEqualTo("https://github.com/o/r");
        assertThat(RepositoryUrls.normalize("https://github.com/O/R")).isEqualTo("https://github.com/O/R");
    }
}
