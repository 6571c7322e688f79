package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.BaseBundles.*;
import static dev.hallmark.core.verify.VerificationException.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.verify.MutationHarness.Outcome;
import dev.hallmark.core.verify.MutationHarness.Subject;
import dev.hallmark.core.verify.VerificationResult.VerifiedSigner;
import dev.hallmark.core.x509.FulcioExtension;
import java.security.PublicKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Mutations of what the caller brings — policy, artifact, key, trusted root and clock — against unmodified bundles. */
class VerifierPolicyMutationTest {
    static final List<Subject> KEYLESS = List.of(PROVENANCE, MESSAGE, REKOR_V2);
    static final List<Subject> WITH_SET = List.of(PROVENANCE, MESSAGE, KEYED);

    static String san(Subject subject) {
        return subject == PROVENANCE ? PLAYWRIGHT_SAN : CONFORMANCE_SAN;
    }

    static Policy.Builder artifact(Subject subject) {
        return new Policy.Builder(subject.policy().artifact());
    }

    static VerificationResult verified(Subject subject) throws Exception {
        return subject.verifier().verify(BundleCodec.parse(MutationHarness.JSON.writeValueAsBytes(subject.bundle())), subject.policy());
    }

    static String oneCharOff(String value) {
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (last == 'x' ? 'y' : 'x');
    }

    @Test
    void identityMismatches() {
        for (Subject subject : KEYLESS) {
            String san = san(subject);
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.exact(oneCharOff(san), GITHUB_ISSUER))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(IDENTITY_MISMATCH));
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.exact(san.substring(0, san.length() - 1), GITHUB_ISSUER))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(IDENTITY_MISMATCH));
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.exact(san, oneCharOff(GITHUB_ISSUER)))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(ISSUER_MISMATCH));
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.exact(san, "https://accounts.google.com"))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(ISSUER_MISMATCH));
            // a wrong SAN is reported before a wrong issuer
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.exact(oneCharOff(san), "https://accounts.google.com"))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(IDENTITY_MISMATCH));
            assertThat(subject.verify(artifact(subject).withoutIdentityUnsafe())).as(subject.name()).isEqualTo(Outcome.VERIFIED);
        }
    }

    @Test
    void sanRegexMustMatchTheWholeSan() {
        for (Subject subject : KEYLESS) {
            String san = san(subject);
            String workflowPath = san.substring("https://github.com/".length(), san.indexOf('@'));
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.regex(Pattern.quote(san.substring(0, san.indexOf('@'))) + "@refs/.*", GITHUB_ISSUER))))
                    .as(subject.name()).isEqualTo(Outcome.VERIFIED);
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.regex(Pattern.quote(san) + "x", GITHUB_ISSUER))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(IDENTITY_MISMATCH));
            // unanchored, sigstore-js would accept this substring (sigstore.md §8 step 6); Hallmark matches the whole SAN
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.regex(Pattern.quote(workflowPath), GITHUB_ISSUER))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(IDENTITY_MISMATCH));
            assertThat(subject.verify(artifact(subject).requireIdentity(CertificateIdentity.regex("https://gitlab\\.com/.*", GITHUB_ISSUER))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(IDENTITY_MISMATCH));
        }
    }

    @Test
    void extensionMismatches() throws Exception {
        for (Subject subject : KEYLESS) {
            var certificate = ((VerifiedSigner.Certificate) verified(subject).signer()).certificate();
            String repository = certificate.extensions().get(FulcioExtension.SOURCE_REPOSITORY_URI);
            assertThat(repository).as(subject.name()).startsWith("https://github.com/");
            assertThat(certificate.extensions()).doesNotContainKey(FulcioExtension.DEPLOYMENT_ENVIRONMENT);
            CertificateIdentity identity = CertificateIdentity.exact(san(subject), GITHUB_ISSUER);
            assertThat(subject.verify(artifact(subject).requireIdentity(identity.withExtension(FulcioExtension.SOURCE_REPOSITORY_URI, repository))))
                    .as(subject.name()).isEqualTo(Outcome.VERIFIED);
            assertThat(subject.verify(artifact(subject).requireIdentity(identity.withExtension(FulcioExtension.SOURCE_REPOSITORY_URI, repository + "-fork"))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(EXTENSION_MISMATCH));
            assertThat(subject.verify(artifact(subject).requireIdentity(identity.withExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/evil/repo"))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(EXTENSION_MISMATCH));
            assertThat(subject.verify(artifact(subject).requireIdentity(identity.withExtension(FulcioExtension.DEPLOYMENT_ENVIRONMENT, "production"))))
                    .as(subject.name()).isEqualTo(Outcome.rejected(EXTENSION_MISMATCH));
        }
        // npm-style trust: repository and ref (1.12, 1.14) of the real playwright-cli certificate
        CertificateIdentity npm = CertificateIdentity.exact(PLAYWRIGHT_SAN, GITHUB_ISSUER)
                .withExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/microsoft/playwright-cli")
                .withExtension(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v0.1.1");
        assertThat(PROVENANCE.verify(Policy.forDigest(TGZ_SHA512).requireIdentity(npm))).isEqualTo(Outcome.VERIFIED);
        assertThat(PROVENANCE.verify(Policy.forDigest(TGZ_SHA512).requireIdentity(npm.withExtension(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v0.1.2"))))
                .isEqualTo(Outcome.rejected(EXTENSION_MISMATCH));
    }

    @Test
    void artifactMutations() {
        CertificateIdentity playwright = CertificateIdentity.exact(PLAYWRIGHT_SAN, GITHUB_ISSUER);
        CertificateIdentity conformance = CertificateIdentity.exact(CONFORMANCE_SAN, CONFORMANCE_ISSUER);
        byte[] otherTgz = TGZ.clone();
        otherTgz[otherTgz.length / 2] ^= 1;
        // DSSE: the dsse body does not record the subject, so the statement's subject check is what fails
        assertThat(PROVENANCE.verify(Policy.forArtifact(TGZ).requireIdentity(playwright))).isEqualTo(Outcome.VERIFIED);
        assertThat(PROVENANCE.verify(Policy.forArtifact(otherTgz).requireIdentity(playwright))).isEqualTo(Outcome.rejected(SUBJECT_MISMATCH));
        assertThat(PROVENANCE.verify(Policy.forDigest(Digest.sha512(otherTgz)).requireIdentity(playwright))).isEqualTo(Outcome.rejected(SUBJECT_MISMATCH));
        // the right artifact, but a sha256 digest of it: the npm subject lists only sha512
        assertThat(PROVENANCE.verify(Policy.forDigest(Digest.sha256(TGZ)).requireIdentity(playwright))).isEqualTo(Outcome.rejected(SUBJECT_MISMATCH));
        assertThat(KEYED.verify(Policy.forArtifact(otherTgz).requireKey(NPM_KEY))).isEqualTo(Outcome.rejected(SUBJECT_MISMATCH));
        assertThat(KEYED.verify(Policy.forDigest(Digest.sha256(TGZ)).requireKey(NPM_KEY))).isEqualTo(Outcome.rejected(SUBJECT_MISMATCH));
        // hashedrekord: the log records the artifact digest, compared before the signature is checked
        byte[] otherText = "b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (Subject subject : List.of(MESSAGE, REKOR_V2)) {
            assertThat(subject.verify(Policy.forDigest(Digest.sha256(A_TXT)).requireIdentity(conformance))).as(subject.name()).isEqualTo(Outcome.VERIFIED);
            assertThat(subject.verify(Policy.forArtifact(otherText).requireIdentity(conformance))).as(subject.name()).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
            assertThat(subject.verify(Policy.forDigest(Digest.sha256(otherText)).requireIdentity(conformance))).as(subject.name()).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
            // a sha512 digest cannot be compared with the sha256 the log recorded
            assertThat(subject.verify(Policy.forDigest(Digest.sha512(A_TXT)).requireIdentity(conformance))).as(subject.name()).isEqualTo(Outcome.rejected(ARTIFACT_DIGEST_MISMATCH));
        }
    }

    @Test
    void keyedBundleNeedsItsKey() throws Exception {
        PublicKey oldNpmKey = npmKey("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA");
        PublicKey fresh = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey();
        // the dsse entry records the verifying key, so a wrong key is caught comparing the log body
        assertThat(KEYED.verify(Policy.forDigest(TGZ_SHA512).requireKey(oldNpmKey))).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
        assertThat(KEYED.verify(Policy.forDigest(TGZ_SHA512).requireKey(fresh))).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
        assertThat(KEYED.verify(Policy.forDigest(TGZ_SHA512).requireIdentity(CertificateIdentity.exact(PLAYWRIGHT_SAN, GITHUB_ISSUER))))
                .isEqualTo(Outcome.rejected(PUBLIC_KEY_REQUIRED));
        assertThat(KEYED.verify(Policy.forDigest(TGZ_SHA512).withoutIdentityUnsafe())).isEqualTo(Outcome.rejected(PUBLIC_KEY_REQUIRED));
        // and the other way round: a key for a certificate-signed bundle
        for (Subject subject : KEYLESS) {
            assertThat(subject.verify(artifact(subject).requireKey(NPM_KEY))).as(subject.name()).isEqualTo(Outcome.rejected(PUBLIC_KEY_MISMATCH));
        }
    }

    /** The subject's root with one edit. */
    static Verifier editedRoot(Subject subject, Consumer<ObjectNode> edit) {
        ObjectNode root = (subject == REKOR_V2 ? REKOR2_ROOT_JSON : PRODUCTION_ROOT_JSON).deepCopy();
        edit.accept(root);
        return MutationHarness.verifier(root, MutationHarness.CLOCK);
    }

    /** The trusted-root entry of the log that wrote the subject's entry, found by log ID. */
    static ObjectNode entryLog(Subject subject, ObjectNode root) {
        String logId = subject.text(VerifierMutationTest.LOG_ID);
        for (JsonNode log : root.get("tlogs")) {
            if (log.at("/logId/keyId").textValue().equals(logId)) {
                return (ObjectNode) log;
            }
        }
        throw new IllegalStateException("no log " + logId);
    }

    static Instant integratedTime(Subject subject) {
        return Instant.ofEpochSecond(Long.parseLong(subject.text(VerifierMutationTest.ENTRY + "/integratedTime")));
    }

    static void setValidity(ObjectNode holder, Instant start, Instant end) {
        ObjectNode validFor = holder.putObject("validFor");
        validFor.put("start", start.toString());
        if (end != null) {
            validFor.put("end", end.toString());
        }
    }

    @Test
    void trustedRootMutations() {
        for (Subject subject : KEYLESS) {
            assertThat(subject.verifyWith(editedRoot(subject, root -> ((ArrayNode) root.get("ctlogs")).removeAll())))
                    .as("no CT log: %s", subject.name()).isEqualTo(Outcome.rejected(SCT_INVALID));
            assertThat(subject.verifyWith(editedRoot(subject, root -> ((ArrayNode) root.get("certificateAuthorities")).removeAll())))
                    .as("no CA: %s", subject.name()).isEqualTo(Outcome.rejected(CERTIFICATE_UNTRUSTED));
            assertThat(subject.verifyWith(editedRoot(subject, root -> ((ArrayNode) root.get("certificateAuthorities")).forEach(ca ->
                    setValidity((ObjectNode) ca, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))))))
                    .as("CA validity over: %s", subject.name()).isEqualTo(Outcome.rejected(CERTIFICATE_NOT_VALID_AT_SIGNING_TIME));
            assertThat(subject.verifyWith(editedRoot(subject, root -> ((ArrayNode) root.get("ctlogs")).forEach(log ->
                    setValidity((ObjectNode) log.get("publicKey"), Instant.parse("2030-01-01T00:00:00Z"), null)))))
                    .as("CT key not yet valid: %s", subject.name()).isEqualTo(Outcome.rejected(SCT_INVALID));
        }
        for (Subject subject : VerifierMutationTest.ALL) {
            assertThat(subject.verifyWith(editedRoot(subject, root -> ((ArrayNode) root.get("tlogs")).removeAll())))
                    .as("no tlog: %s", subject.name()).isEqualTo(Outcome.rejected(TLOG_UNKNOWN_LOG));
        }
        for (Subject subject : WITH_SET) {
            Instant integrated = integratedTime(subject);
            assertThat(subject.verifyWith(editedRoot(subject, root -> setValidity((ObjectNode) entryLog(subject, root).get("publicKey"), integrated.plusSeconds(1), null))))
                    .as("log key starts after: %s", subject.name()).isEqualTo(Outcome.rejected(TLOG_TIME_OUTSIDE_LOG_VALIDITY));
            assertThat(subject.verifyWith(editedRoot(subject, root -> setValidity((ObjectNode) entryLog(subject, root).get("publicKey"),
                    Instant.parse("2021-01-12T11:53:27Z"), integrated.minusSeconds(1)))))
                    .as("log key ended before: %s", subject.name()).isEqualTo(Outcome.rejected(TLOG_TIME_OUTSIDE_LOG_VALIDITY));
            // both ends are inclusive
            assertThat(subject.verifyWith(editedRoot(subject, root -> setValidity((ObjectNode) entryLog(subject, root).get("publicKey"), integrated, integrated))))
                    .as("log key valid exactly then: %s", subject.name()).isEqualTo(Outcome.VERIFIED);
        }
        assertThat(REKOR_V2.verifyWith(editedRoot(REKOR_V2, root -> ((ArrayNode) root.get("timestampAuthorities")).removeAll())))
                .isEqualTo(Outcome.rejected(TIMESTAMP_INVALID));
        assertThat(REKOR_V2.verifyWith(editedRoot(REKOR_V2, root -> setValidity((ObjectNode) root.at("/timestampAuthorities/0"), Instant.parse("2026-01-01T00:00:00Z"), null))))
                .isEqualTo(Outcome.rejected(TIMESTAMP_INVALID));
    }

    @Test
    void clockBeforeTheSigningTime() throws Exception {
        for (Subject subject : WITH_SET) {
            Instant integrated = integratedTime(subject);
            ObjectNode root = PRODUCTION_ROOT_JSON;
            Verifier early = MutationHarness.verifier(root, InstantSource.fixed(integrated.minusSeconds(3600)));
            assertThat(subject.verifyWith(early)).as(subject.name()).isEqualTo(Outcome.rejected(TLOG_INTEGRATED_TIME_IN_FUTURE));
            // within the default one-minute clock skew
            Verifier skewed = MutationHarness.verifier(root, InstantSource.fixed(integrated.minusSeconds(30)));
            assertThat(subject.verifyWith(skewed)).as(subject.name()).isEqualTo(Outcome.VERIFIED);
        }
        Instant genTime = verified(REKOR_V2).trustedTimes().get(0).time();
        assertThat(REKOR_V2.verifyWith(MutationHarness.verifier(REKOR2_ROOT_JSON, InstantSource.fixed(genTime.minusSeconds(3600)))))
                .isEqualTo(Outcome.rejected(TIMESTAMP_INVALID));
        assertThat(REKOR_V2.verifyWith(MutationHarness.verifier(REKOR2_ROOT_JSON, InstantSource.fixed(genTime.minusSeconds(30)))))
                .isEqualTo(Outcome.VERIFIED);
    }
}
