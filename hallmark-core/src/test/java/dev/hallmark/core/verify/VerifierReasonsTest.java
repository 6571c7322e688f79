package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.MutationHarness.Outcome;
import dev.hallmark.core.verify.VerificationException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code _fail} case of the sigstore-conformance bundle-verify suite, run through the Verifier directly (not
 * the CLI), must fail for its own reason. A {@code null} reason means the bundle or trusted root is refused by its
 * codec with a FormatException (sigstore.md §8 step 1). Each case runs twice: with the artifact's bytes and with
 * only its SHA-256 digest, as the conformance harness does.
 */
class VerifierReasonsTest {
    static final Map<String, Reason> EXPECTED = new HashMap<>();

    static {
        // Step 1, structure: refused by BundleCodec (or TrustedRootCodec) with a FormatException
        EXPECTED.put("bundle-empty-certificate-chain_fail", null);
        EXPECTED.put("bundle-invalid-base64-signature_fail", null);
        EXPECTED.put("bundle-malformed-json_fail", null);
        EXPECTED.put("bundle-negative-log-index_fail", null);
        EXPECTED.put("bundle-unknown-version_fail", null);
        EXPECTED.put("intoto-missing-inclusion-proof_fail", null); // v0.2 entry without a proof
        EXPECTED.put("invalid-inclusion-proof_fail", null); // v0.2 proof without a checkpoint
        EXPECTED.put("rekor2-no-inclusion-proof_fail", null);
        EXPECTED.put("trust-root-tlog-missing-validity-start_fail", null); // the root, not the bundle
        EXPECTED.put("bundle-with-root-cert_fail", CERTIFICATE_CHAIN_HAS_ROOT);
        // Step 2, trusted times
        EXPECTED.put("rekor2-no-timestamp_fail", TIMESTAMP_THRESHOLD_NOT_MET);
        EXPECTED.put("rekor2-timestamp-outside-trust-root-tsa-validity_fail", TIMESTAMP_INVALID);
        EXPECTED.put("rekor2-timestamp-outside-tsa-cert-validity_fail", TIMESTAMP_INVALID);
        EXPECTED.put("rekor2-timestamp-payload-mismatch_fail", TIMESTAMP_INVALID);
        EXPECTED.put("rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail", TIMESTAMP_INVALID);
        EXPECTED.put("rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail", TIMESTAMP_INVALID);
        EXPECTED.put("bundle-from-wrong-instance_fail", TLOG_UNKNOWN_LOG); // a staging log is not in the production root
        EXPECTED.put("set-invalid-signature_fail", SET_INVALID);
        EXPECTED.put("incorrect-public-key_fail", SET_INVALID); // the edited body no longer matches its SET
        // Step 4, inclusion
        EXPECTED.put("checkpoint-bad-keyhint_fail", CHECKPOINT_INVALID);
        EXPECTED.put("invalid-checkpoint-signature_fail", CHECKPOINT_INVALID);
        EXPECTED.put("rekor2-checkpoint-missing-log-signature_fail", CHECKPOINT_INVALID);
        EXPECTED.put("rekor2-checkpoint-missing-origin_fail", CHECKPOINT_INVALID);
        EXPECTED.put("rekor2-checkpoint-missing-root-hash_fail", CHECKPOINT_INVALID);
        EXPECTED.put("rekor2-checkpoint-missing-size_fail", CHECKPOINT_INVALID);
        EXPECTED.put("rekor2-checkpoint-no-matching-signature_fail", CHECKPOINT_INVALID);
        EXPECTED.put("checkpoint-wrong-roothash_fail", CHECKPOINT_MISMATCH);
        EXPECTED.put("inclusion-proof-corrupted-hash_fail", INCLUSION_PROOF_INVALID);
        // Step 4.4, the entry records another signature, signer or artifact; checked before the signature itself
        EXPECTED.put("dsse-invalid-sig_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("dsse-mismatch-envelope_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("dsse-mismatch-sig_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("rekor2-dsse-invalid-sig_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("rekor2-dsse-mismatch-envelope_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("rekor2-dsse-mismatch-sig_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("signature-mismatch_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("wrong-hashedrekord-artifact_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("wrong-hashedrekord-cert-and-sig_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("wrong-hashedrekord-entry_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("wrong-material_fail", TLOG_BODY_MISMATCH);
        EXPECTED.put("managed-key-wrong-key_fail", TLOG_BODY_MISMATCH); // the hashedrekord records the signing key
        // this synthetic intoto body stores its sig base64 once, not twice as Rekor does (sigstore-js: "signature mismatch")
        EXPECTED.put("intoto-log-entry-mismatch_fail", TLOG_BODY_MALFORMED);
        // Step 3, the certificate at each trusted time, and its SCTs
        EXPECTED.put("integrated-time-in-future_fail", CERTIFICATE_NOT_VALID_AT_SIGNING_TIME); // README: time outside the cert
        EXPECTED.put("intoto-expired-certificate_fail", CERTIFICATE_NOT_VALID_AT_SIGNING_TIME); // CA validFor
        EXPECTED.put("intoto-set-outside-signing-cert-validity_fail", CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
        EXPECTED.put("intoto-tsa-timestamp-outside-cert-validity_fail", CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
        EXPECTED.put("rekor2-timestamp-with-incorrect-time_fail", CERTIFICATE_NOT_VALID_AT_SIGNING_TIME);
        EXPECTED.put("invalid-ct-key_fail", SCT_INVALID);
        // Step 5 and the policy
        EXPECTED.put("message-digest-mismatch_fail", ARTIFACT_DIGEST_MISMATCH);
        EXPECTED.put("managed-key-no-key_fail", PUBLIC_KEY_REQUIRED); // no key given: the default identity is used
    }

    /** The policy's artifact: the case's file, or only its SHA-256 digest. */
    enum ArtifactForm { FILE, SHA256_DIGEST }

    static JsonNode cases() {
        return MutationHarness.readObject("conformance/CASES.json");
    }

    static Stream<JsonNode> failCases() {
        List<JsonNode> out = new ArrayList<>();
        cases().get("cases").forEach(c -> {
            if (c.get("expect").textValue().equals("fail")) {
                out.add(c);
            }
        });
        return out.stream();
    }

    /** What one case ends in; a FormatException from either codec is {@link Outcome#FORMAT_ERROR}. */
    static Outcome observe(JsonNode c, ArtifactForm form) throws Exception {
        JsonNode all = cases();
        TrustedRoot root;
        try {
            root = TrustedRootCodec.parse(Vectors.bytes("conformance/" + c.get("trustedRoot").textValue()));
        } catch (FormatException e) {
            return Outcome.FORMAT_ERROR;
        }
        byte[] artifact = Vectors.bytes("conformance/" + c.get("artifact").textValue());
        Policy.Builder builder = form == ArtifactForm.FILE ? Policy.forArtifact(artifact) : Policy.forDigest(Digest.sha256(artifact));
        JsonNode key = c.get("key");
        Policy policy;
        if (c.get("verifyWith").textValue().equals("key") && key != null && !key.isNull()) {
            policy = builder.requireKey(Keys.publicKeyFromPem(Vectors.text("conformance/" + key.textValue())));
        } else {
            // identity cases, and managed-key-no-key_fail, whose caller supplies no key: the (default) identity
            String san = c.hasNonNull("identity") ? c.get("identity").textValue() : all.get("defaultIdentity").textValue();
            String issuer = c.hasNonNull("issuer") ? c.get("issuer").textValue() : all.get("defaultIssuer").textValue();
            policy = builder.requireIdentity(CertificateIdentity.exact(san, issuer));
        }
        return MutationHarness.run(Vectors.bytes("conformance/" + c.get("bundle").textValue()),
                Verifier.create(root, VerifierOptions.defaults(), MutationHarness.CLOCK), policy);
    }

    @Test
    void everyFailCaseHasAnExpectedReason() {
        assertThat(failCases().map(c -> c.get("case").textValue())).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(EXPECTED).hasSize(49);
    }

    static Stream<Arguments> failCasesBothForms() {
        return failCases().flatMap(c -> Stream.of(ArtifactForm.values()).map(form -> Arguments.of(c.get("case").textValue(), form, c)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("failCasesBothForms")
    void failsForItsOwnReason(String name, ArtifactForm form, JsonNode c) throws Exception {
        assertThat(EXPECTED).containsKey(name);
        Reason expected = EXPECTED.get(name);
        assertThat(observe(c, form)).as(name).isEqualTo(expected == null ? Outcome.FORMAT_ERROR : Outcome.rejected(expected));
    }

    @Test
    void theHappyPathsOfTheSameSuiteVerify() throws Exception {
        // the harness itself must not reject: every pass case verifies with the same root, artifact and policy logic
        List<String> passed = new ArrayList<>();
        for (JsonNode c : cases().get("cases")) {
            if (c.get("expect").textValue().equals("pass")) {
                for (ArtifactForm form : ArtifactForm.values()) {
                    assertThat(observe(c, form)).as("%s (%s)", c.get("case").textValue(), form).isEqualTo(Outcome.VERIFIED);
                }
                passed.add(c.get("case").textValue());
            }
        }
        assertThat(passed).hasSize(21);
    }
}
