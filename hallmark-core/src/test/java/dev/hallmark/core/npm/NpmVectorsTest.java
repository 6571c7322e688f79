package dev.hallmark.core.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.npm.NpmCheckException.Reason;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import java.security.PublicKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every npm vector in ../shared/vectors/npm, with the expectation its MANIFEST.json records. */
class NpmVectorsTest {
    private static JsonNode manifest;
    private static Verifier verifier;
    private static RegistryKeys npmjsKeys;
    private static PublicKey oldPublishKey;
    private static final Map<String, JsonNode> PACKAGE_OF_FILE = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        manifest = new ObjectMapper().readTree(Vectors.bytes("npm/MANIFEST.json"));
        verifier = Verifier.create(TrustedRootCodec.parse(Vectors.bytes("conformance/trusted_root.production.json")),
                VerifierOptions.defaults(), InstantSource.system());
        npmjsKeys = RegistryKeys.parseTufTarget(Vectors.bytes("tuf/public-good/targets/registry.npmjs.org/keys.json"));
        oldPublishKey = Keys.publicKeyFromPem(Vectors.text("npm/sigstore-go/publish_key.pub"));
        for (JsonNode p : manifest.get("packages")) {
            p.get("files").forEach(f -> PACKAGE_OF_FILE.put(f.asText(), p));
        }
    }

    private static Digest tarballDigest(String file) throws Exception {
        return Digest.of(HashAlgorithm.SHA2_512, Bytes.fromHex(PACKAGE_OF_FILE.get(file).get("tarballSha512Hex").asText()));
    }

    @Test
    void everyStandaloneProvenanceAndPublishBundleVerifies() throws Exception {
        List<String> verified = new ArrayList<>();
        for (JsonNode b : manifest.get("provenanceBundles")) {
            String file = b.get("file").asText();
            assertThat(b.get("expect").asText()).isEqualTo("pass");
            Policy.Builder artifact = Policy.forDigest(tarballDigest(file));
            Policy policy;
            if (b.has("publicKeyHint")) {
                String keyid = b.get("publicKeyHint").asText();
                policy = artifact.requireKey(npmjsKeys.find(keyid).orElseThrow().key());
            } else {
                policy = artifact.requireIdentity(CertificateIdentity.exact(b.get("certSAN").asText(), b.get("certIssuer").asText()));
            }
            VerificationResult result = verifier.verify(BundleCodec.parse(Vectors.bytes("npm/" + file)), policy);
            assertThat(result.statement()).get().extracting(Statement::predicateType).isEqualTo(b.get("predicateType").asText());
            assertThat(result.trustedTimes()).isNotEmpty();
            verified.add(file);
        }
        assertThat(verified).hasSize(14);
    }

    @Test
    void theOldNpmKeyFromSigstoreGoIsTheOneNpmjsListsWithThatKeyid() throws Exception {
        assertThat(RegistryKeys.keyid(oldPublishKey)).isEqualTo("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA");
        for (RegistryKey key : npmjsKeys.keys()) {
            assertThat(RegistryKeys.keyid(key.key())).isEqualTo(key.keyid());
        }
    }

    @Test
    void attestationResponsesVerifyOrFailWithPacotesReasons() throws Exception {
        // pacote's tests list one registry key: the old npm key, with no expiry (MANIFEST packages[sigstore@0.4.0].notes).
        RegistryKeys pacoteKeys = new RegistryKeys(List.of(new RegistryKey(
                "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", oldPublishKey, Optional.empty(), Optional.empty())));
        Map<String, Reason> expectedFailure = Map.of(
                "pacote/invalid-attestations.json", Reason.ATTESTATION_INVALID,
                "pacote/malformed-subject-attestations.json", Reason.ATTESTATION_INVALID,
                "pacote/mismatched-keyid-attestations.json", Reason.MISSING_SIGNATURE_KEY,
                "pacote/mismatched-subject-digest-attestations.json", Reason.ATTESTATION_SUBJECT_MISMATCH,
                "pacote/mismatched-subject-name-attestations.json", Reason.ATTESTATION_SUBJECT_MISMATCH,
                // passes only under pacote's stubbed verifier: its provenance signature is corrupt
                "pacote/no-keyid-attestations.json", Reason.ATTESTATION_INVALID,
                "pacote/unsupported-attestations.json", Reason.ATTESTATION_INVALID);
        int passed = 0;
        for (JsonNode r : manifest.get("attestationResponses")) {
            String file = r.get("file").asText();
            JsonNode pkg = PACKAGE_OF_FILE.get(file);
            RegistryKeys keys = file.startsWith("pacote/") ? pacoteKeys : npmjsKeys;
            AttestationsVerifier attestations = new AttestationsVerifier(verifier, keys);
            String name = pkg.get("name").asText();
            String version = pkg.get("version").asText();
            if (r.get("expect").asText().equals("pass")) {
                var results = attestations.verify(Vectors.bytes("npm/" + file), name, version, tarballDigest(file), Optional.empty());
                assertThat(results).as(file).hasSize(2);
                assertThat(results).extracting(AttestationsVerifier.VerifiedAttestation::predicateType)
                        .as(file).contains("https://github.com/npm/attestation/tree/main/specs/publish/v0.1");
                passed++;
            } else {
                assertThat(expectedFailure).as(file).containsKey(file);
                assertThatThrownBy(() -> attestations.verify(Vectors.bytes("npm/" + file), name, version, tarballDigest(file), Optional.empty()))
                        .as(file).isInstanceOfSatisfying(NpmCheckException.class, e -> assertThat(e.reason()).isEqualTo(expectedFailure.get(file)));
            }
        }
        assertThat(passed).isEqualTo(4);
    }

    @Test
    void attestationKeysExpireAsPacoteSays() throws Exception {
        String file = "pacote/valid-attestations.json";
        JsonNode pkg = PACKAGE_OF_FILE.get(file);
        String keyid = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
        RegistryKeys expired = new RegistryKeys(List.of(new RegistryKey(keyid, oldPublishKey, Optional.of(Instant.parse("2010-01-01T00:00:00Z")), Optional.empty())));
        assertThatThrownBy(() -> new AttestationsVerifier(verifier, expired).verify(Vectors.bytes("npm/" + file),
                pkg.get("name").asText(), pkg.get("version").asText(), tarballDigest(file), Optional.empty()))
                .isInstanceOfSatisfying(NpmCheckException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED_SIGNATURE_KEY));
        // A key that expired after the attestation was logged still covers it.
        RegistryKeys later = new RegistryKeys(List.of(new RegistryKey(keyid, oldPublishKey, Optional.of(Instant.parse("2023-04-01T00:00:00Z")), Optional.empty())));
        assertThat(new AttestationsVerifier(verifier, later).verify(Vectors.bytes("npm/" + file),
                pkg.get("name").asText(), pkg.get("version").asText(), tarballDigest(file), Optional.empty())).hasSize(2);
    }

    @Test
    void provenanceIdentityCanBeRequiredWhereNpmChecksNone() throws Exception {
        String file = "playwright-cli-0.1.1/playwright-cli-0.1.1-attestations.json";
        AttestationsVerifier attestations = new AttestationsVerifier(verifier, npmjsKeys);
        String issuer = "https://token.actions.githubusercontent.com";
        assertThat(attestations.verify(Vectors.bytes("npm/" + file), "@playwright/cli", "0.1.1", tarballDigest(file), Optional.of(
                CertificateIdentity.regex("https://github\\.com/microsoft/playwright-cli/\\.github/workflows/publish\\.yml@refs/tags/v.*", issuer))))
                .hasSize(2);
        assertThatThrownBy(() -> attestations.verify(Vectors.bytes("npm/" + file), "@playwright/cli", "0.1.1", tarballDigest(file),
                Optional.of(CertificateIdentity.regex("https://github\\.com/evil/.*", issuer))))
                .isInstanceOfSatisfying(NpmCheckException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ATTESTATION_INVALID))
                .hasMessageContaining("IDENTITY_MISMATCH");
    }

    @Test
    void theRealTarballHashesToItsSubject() throws Exception {
        byte[] tgz = Vectors.bytes("npm/playwright-cli-0.1.1/playwright-cli-0.1.1.tgz");
        Digest sha512 = Digest.sha512(tgz);
        assertThat(sha512).isEqualTo(tarballDigest("playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json"));
        Statement statement = ProvenanceSubjectCheck.check(Vectors.bytes("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json"),
                "@playwright/cli", "0.1.1", sha512);
        assertThat(statement.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
    }

    @Test
    void everyRegistrySignatureVerifies() throws Exception {
        RegistryKeys keys = new RegistryKeys(List.of(new RegistryKey(RegistryKeys.keyid(oldPublishKey), oldPublishKey, Optional.empty(), Optional.empty())));
        int n = 0;
        for (JsonNode s : manifest.get("registrySignatures").get("entries")) {
            RegistrySignature.verify(s.get("name").asText(), s.get("version").asText(), s.get("integrity").asText(),
                    s.get("keyid").asText(), s.get("sig").asText(), keys, RegistrySignature.DEFAULT_PUBLISH_TIME);
            // the same signature over another version does not verify
            assertThatThrownBy(() -> RegistrySignature.verify(s.get("name").asText(), s.get("version").asText() + "1", s.get("integrity").asText(),
                    s.get("keyid").asText(), s.get("sig").asText(), keys, RegistrySignature.DEFAULT_PUBLISH_TIME))
                    .isInstanceOfSatisfying(NpmCheckException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INTEGRITY_SIGNATURE_INVALID));
            n++;
        }
        assertThat(n).isEqualTo(7);
        assertThatThrownBy(() -> RegistrySignature.verify("a", "1.0.0", "sha512-x", "SHA256:unknown", "AAAA", keys, Instant.EPOCH))
                .isInstanceOfSatisfying(NpmCheckException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE_KEY));
    }

    @Test
    void libnpmpublishProvenanceFileCases() throws Exception {
        Map<String, ProvenanceSubjectCheck.Reason> expected = Map.of(
                "npm-cli/libnpmpublish/bad-bundle.json", ProvenanceSubjectCheck.Reason.NOT_JSON,
                "npm-cli/libnpmpublish/no-provenance-envelope-bundle.json", ProvenanceSubjectCheck.Reason.NO_DSSE_ENVELOPE,
                "npm-cli/libnpmpublish/bad-dsse-payload-bundle.json", ProvenanceSubjectCheck.Reason.PAYLOAD_NOT_A_STATEMENT,
                "npm-cli/libnpmpublish/no-provenance-subject-bundle.json", ProvenanceSubjectCheck.Reason.NO_SUBJECT,
                "npm-cli/libnpmpublish/multi-subject-provenance-bundle.json", ProvenanceSubjectCheck.Reason.MULTIPLE_SUBJECTS,
                "npm-cli/libnpmpublish/digest-mismatch-provenance-bundle.json", ProvenanceSubjectCheck.Reason.SUBJECT_DIGEST_MISMATCH);
        Digest tgz = Digest.sha512(Vectors.bytes("npm/npm-cli/libnpmpublish/npmcli-libnpmpublish-test-1.0.0.tgz"));
        String name = "@npmcli/libnpmpublish-test";
        int cases = 0;
        for (JsonNode c : manifest.get("libnpmpublishProvenanceFileCases")) {
            String file = "npm/" + c.get("file").asText();
            String key = c.get("file").asText();
            cases++;
            if (c.get("expect").asText().equals("accept")) {
                ProvenanceSubjectCheck.check(Vectors.bytes(file), name, "1.0.0", tgz);
                // It has no log entry, so full verification must still reject it.
                assertThatThrownBy(() -> verifier.verify(BundleCodec.parse(Vectors.bytes(file)), Policy.forDigest(tgz).withoutIdentityUnsafe()))
                        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.reason()).isEqualTo(VerificationException.Reason.TLOG_THRESHOLD_NOT_MET));
            } else if (expected.containsKey(key)) {
                assertThatThrownBy(() -> ProvenanceSubjectCheck.check(Vectors.bytes(file), name, "1.0.0", tgz)).as(key)
                        .isInstanceOfSatisfying(ProvenanceSubjectCheck.Failure.class, e -> assertThat(e.reason()).isEqualTo(expected.get(key)));
            } else {
                // invalid-signature-bundle: the subject checks pass; the signature is what is wrong.
                ProvenanceSubjectCheck.check(Vectors.bytes(file), name, "1.0.0", tgz);
                assertThatThrownBy(() -> verifier.verify(BundleCodec.parse(Vectors.bytes(file)), Policy.forDigest(tgz).withoutIdentityUnsafe()))
                        .isInstanceOf(VerificationException.class);
            }
        }
        assertThat(cases).isEqualTo(8);
        assertThatThrownBy(() -> ProvenanceSubjectCheck.check(Vectors.bytes("npm/npm-cli/libnpmpublish/valid-bundle.json"), "@npmcli/other", "1.0.0", tgz))
                .isInstanceOfSatisfying(ProvenanceSubjectCheck.Failure.class, e -> assertThat(e.reason()).isEqualTo(ProvenanceSubjectCheck.Reason.SUBJECT_NAME_MISMATCH));
    }
}
