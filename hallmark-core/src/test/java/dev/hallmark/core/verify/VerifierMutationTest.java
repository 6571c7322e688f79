package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.BaseBundles.KEYED;
import static dev.hallmark.core.verify.BaseBundles.MESSAGE;
import static dev.hallmark.core.verify.BaseBundles.PROVENANCE;
import static dev.hallmark.core.verify.BaseBundles.REKOR_V2;
import static dev.hallmark.core.verify.VerificationException.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.verify.MutationHarness.Outcome;
import dev.hallmark.core.verify.MutationHarness.Subject;
import dev.hallmark.core.verify.MutationHarness.Tally;
import dev.hallmark.core.verify.VerificationException.Reason;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Single-field mutations of four real bundles; every mutant must be rejected, for the reason of the first check
 * (sigstore.md §8) that covers the mutated bytes. The verifier's order, which decides that reason, is:
 * <ol>
 *   <li>the bundle's leaf certificate parses (CERTIFICATE_MALFORMED);</li>
 *   <li>RFC 3161 timestamps, which stamp the signature bytes (TIMESTAMP_INVALID);</li>
 *   <li>per log entry: the SET over body, integrated time, log ID and global index (SET_INVALID), then the checkpoint
 *       signature, the proof's copies of root and size, and the audit path; then the body is compared with the
 *       bundle (TLOG_BODY_MISMATCH) — the log records signature, signer and payload hash or artifact digest;</li>
 *   <li>certificate chain and SCTs; then the signature; then the identity policy.</li>
 * </ol>
 * So a changed signature, certificate or DSSE payload shows as TLOG_BODY_MISMATCH (or TIMESTAMP_INVALID when a
 * timestamp stamps the signature, bundle c), never SIGNATURE_INVALID: the log entry no longer records them.
 * Small fields (log ID, SET, proof hashes, root hash, signatures) get every single-bit flip in bundle a; large
 * ones a sample: every 7th byte, flipping bit (byte index mod 8) so that all bit positions are hit.
 */
class VerifierMutationTest {
    static final String ENTRY = "/verificationMaterial/tlogEntries/0";
    static final String SET = ENTRY + "/inclusionPromise/signedEntryTimestamp";
    static final String PROOF = ENTRY + "/inclusionProof";
    static final String CHECKPOINT = PROOF + "/checkpoint/envelope";
    static final String BODY = ENTRY + "/canonicalizedBody";
    static final String LOG_ID = ENTRY + "/logId/keyId";
    static final String CERTIFICATE = "/verificationMaterial/certificate/rawBytes";
    static final String DSSE_SIG = "/dsseEnvelope/signatures/0/sig";
    static final String MESSAGE_SIG = "/messageSignature/signature";
    static final List<Subject> ALL = List.of(PROVENANCE, MESSAGE, REKOR_V2, KEYED);
    static final List<Subject> WITH_SET = List.of(PROVENANCE, MESSAGE, KEYED);
    static final List<Subject> WITH_CERTIFICATE = List.of(PROVENANCE, MESSAGE, REKOR_V2);

    @AfterAll
    static void printSummary() {
        MutationHarness.printSummary();
    }

    /** Asserts the tally has the expected size and only allowed outcomes (never VERIFIED), and records it. */
    static void check(Subject subject, String field, Tally tally, int expectedMutants, Set<Outcome> allowed) {
        MutationHarness.record(subject.name() + " " + field, tally);
        assertThat(tally.total()).as("%s %s mutants", subject.name(), field).isEqualTo(expectedMutants);
        assertThat(tally.outcomes()).as("%s %s: %s", subject.name(), field, tally).isSubsetOf(allowed);
    }

    static void check(Subject subject, String field, Tally tally, int expectedMutants, Reason only) {
        check(subject, field, tally, expectedMutants, Set.of(Outcome.rejected(only)));
    }

    /** Every bit for bundle a; one bit per byte (bit = index mod 8) for the others, to keep the run short. */
    static Tally flipSmall(Subject subject, String pointer) {
        if (subject == PROVENANCE) {
            return subject.flipBits(pointer, 1);
        }
        Bytes original = MutationHarness.base64(subject.bundle(), pointer);
        return subject.mutateEach(original.length(), i -> json -> MutationHarness.setText(json, pointer, MutationHarness.flip(original, i * 8 + i % 8).base64()));
    }

    static int bits(Subject subject, String pointer, int stride) {
        int length = MutationHarness.base64(subject.bundle(), pointer).length();
        return stride == 1 ? length * 8 : (length + stride - 1) / stride;
    }

    static int smallCount(Subject subject, String pointer) {
        int length = MutationHarness.base64(subject.bundle(), pointer).length();
        return subject == PROVENANCE ? length * 8 : length;
    }

    @Test
    void baseBundlesVerifyUnmodified() {
        for (Subject subject : ALL) {
            assertThat(subject.verify()).as(subject.name()).isEqualTo(Outcome.VERIFIED);
            // and survive a write/parse round trip through Jackson, which every mutant goes through
            assertThat(subject.mutate(json -> { })).as(subject.name()).isEqualTo(Outcome.VERIFIED);
        }
    }

    @Test
    void signatureBitFlipsShowAsLogBodyMismatchOrTimestampInvalid() {
        for (Subject subject : ALL) {
            String pointer = subject.bundle().has("dsseEnvelope") ? DSSE_SIG : MESSAGE_SIG;
            // the RFC 3161 timestamp of bundle c stamps the signature bytes and is checked before the log
            Reason expected = subject == REKOR_V2 ? TIMESTAMP_INVALID : TLOG_BODY_MISMATCH;
            check(subject, "signature", subject.flipBits(pointer, 1), bits(subject, pointer, 1), expected);
        }
    }

    @Test
    void dssePayloadBitFlipsShowAsLogBodyMismatch() {
        // dsse 0.0.1 records SHA-256 of the payload, compared before the DSSE signature is checked
        for (Subject subject : List.of(PROVENANCE, KEYED)) {
            String pointer = "/dsseEnvelope/payload";
            check(subject, "payload", subject.flipBits(pointer, 7), bits(subject, pointer, 7), TLOG_BODY_MISMATCH);
        }
    }

    @Test
    void messageDigestBitFlipsContradictTheArtifact() {
        // the hashedrekord body records the artifact's digest, not the bundle's hint; the hint is checked after
        for (Subject subject : List.of(MESSAGE, REKOR_V2)) {
            String pointer = "/messageSignature/messageDigest/digest";
            Tally tally = subject == REKOR_V2 ? flipSmall(subject, pointer) : subject.flipBits(pointer, 1);
            check(subject, "messageDigest", tally, subject == REKOR_V2 ? 32 : 256, ARTIFACT_DIGEST_MISMATCH);
        }
    }

    @Test
    void certificateBitFlipsAreMalformedOrUnlogged() {
        // A flip either breaks the DER (CERTIFICATE_MALFORMED, checked first) or yields another certificate, which the
        // log entry does not record (TLOG_BODY_MISMATCH, checked before the chain); none reaches the chain check.
        Set<Outcome> allowed = Outcome.rejectedWith(CERTIFICATE_MALFORMED, TLOG_BODY_MISMATCH);
        for (Subject subject : WITH_CERTIFICATE) {
            Tally tally = subject.flipBits(CERTIFICATE, 7);
            check(subject, "certificate DER", tally, bits(subject, CERTIFICATE, 7), allowed);
            assertThat(tally.outcomes()).containsAll(allowed);
        }
    }

    @Test
    void setBitFlipsAreSetInvalid() {
        for (Subject subject : WITH_SET) {
            check(subject, "SET", subject.flipBits(SET, 1), bits(subject, SET, 1), SET_INVALID);
        }
    }

    @Test
    void logIdBitFlipsNameAnUnknownLog() {
        for (Subject subject : ALL) {
            check(subject, "logId", flipSmall(subject, LOG_ID), smallCount(subject, LOG_ID), TLOG_UNKNOWN_LOG);
        }
    }

    @Test
    void inclusionProofHashBitFlipsAreInvalidProofs() {
        for (Subject subject : ALL) {
            int hashes = subject.bundle().at(PROOF + "/hashes").size();
            assertThat(hashes).isPositive();
            for (int h = 0; h < hashes; h++) {
                String pointer = PROOF + "/hashes/" + h;
                check(subject, "proof hashes", flipSmall(subject, pointer), smallCount(subject, pointer), INCLUSION_PROOF_INVALID);
            }
        }
    }

    @Test
    void proofRootHashBitFlipsDisagreeWithTheCheckpoint() {
        for (Subject subject : ALL) {
            String pointer = PROOF + "/rootHash";
            check(subject, "proof rootHash", flipSmall(subject, pointer), smallCount(subject, pointer), CHECKPOINT_MISMATCH);
        }
    }

    @Test
    void proofIndexAndSizeChanges() {
        for (Subject subject : ALL) {
            assertThat(subject.mutate(json -> addToNumber(json, PROOF + "/logIndex", 1))).as(subject.name()).isEqualTo(Outcome.rejected(INCLUSION_PROOF_INVALID));
            assertThat(subject.mutate(json -> addToNumber(json, PROOF + "/logIndex", -1))).as(subject.name()).isEqualTo(Outcome.rejected(INCLUSION_PROOF_INVALID));
            assertThat(subject.mutate(json -> addToNumber(json, PROOF + "/treeSize", 1))).as(subject.name()).isEqualTo(Outcome.rejected(CHECKPOINT_MISMATCH));
        }
    }

    @Test
    void canonicalizedBodyBitFlips() {
        // Rekor v1 entries: the SET covers the body and is checked first; Rekor v2 (no SET): the leaf hash changes.
        for (Subject subject : ALL) {
            Reason expected = subject == REKOR_V2 ? INCLUSION_PROOF_INVALID : SET_INVALID;
            int stride = subject == REKOR_V2 ? 13 : 7;
            check(subject, "canonicalizedBody", subject.flipBits(BODY, stride), bits(subject, BODY, stride), expected);
        }
    }

    @Test
    void integratedTimeAndLogIndexAreCoveredByTheSet() {
        for (Subject subject : WITH_SET) {
            assertThat(subject.mutate(json -> addToNumber(json, ENTRY + "/integratedTime", 1))).as(subject.name()).isEqualTo(Outcome.rejected(SET_INVALID));
            assertThat(subject.mutate(json -> addToNumber(json, ENTRY + "/integratedTime", -1))).as(subject.name()).isEqualTo(Outcome.rejected(SET_INVALID));
            assertThat(subject.mutate(json -> addToNumber(json, ENTRY + "/logIndex", 1))).as(subject.name()).isEqualTo(Outcome.rejected(SET_INVALID));
        }
    }

    @Test
    void anUnsignedIntegratedTimeIsNotTrusted() throws Exception {
        // Rekor v2 entries carry no SET; an integrated time added to one must not become a trusted time.
        ObjectNode json = REKOR_V2.bundle().deepCopy();
        MutationHarness.setText(json, ENTRY + "/integratedTime", "1700000000");
        var result = REKOR_V2.verifier().verify(dev.hallmark.core.bundle.BundleCodec.parse(MutationHarness.JSON.writeValueAsBytes(json)), REKOR_V2.policy());
        assertThat(result.trustedTimes()).extracting(VerificationResult.TrustedTime::source)
                .containsExactly(VerificationResult.TrustedTime.Source.RFC3161_TIMESTAMP);
    }

    @Test
    void checkpointTextCharacterFlipsBreakItsSignature() {
        // origin, size and root lines, newlines included: every character changed in one of its 7 low bits (bit =
        // index mod 7, so the text stays ASCII) fails the note signature or the note's syntax
        for (Subject subject : ALL) {
            String envelope = subject.text(CHECKPOINT);
            int textLength = envelope.lastIndexOf("\n\n") + 1;
            Tally tally = subject.mutateEach(textLength, i -> json -> {
                char[] chars = envelope.toCharArray();
                chars[i] ^= (char) (1 << (i % 7));
                MutationHarness.setText(json, CHECKPOINT, new String(chars));
            });
            check(subject, "checkpoint text", tally, textLength, CHECKPOINT_INVALID);
        }
    }

    @Test
    void checkpointRootLineBitFlips() {
        for (Subject subject : ALL) {
            Bytes root = checkpointRoot(subject);
            int count = subject == PROVENANCE ? 256 : 32;
            Tally tally = subject.mutateEach(count, i -> json -> {
                int bit = count == 256 ? i : i * 8 + i % 8;
                editCheckpointLine(json, 2, line -> MutationHarness.flip(root, bit).base64());
            });
            check(subject, "checkpoint root line", tally, count, CHECKPOINT_INVALID);
        }
    }

    @Test
    void checkpointSizeLineChanges() {
        for (Subject subject : ALL) {
            for (long delta : new long[] {1, -1}) {
                Outcome outcome = subject.mutate(json -> editCheckpointLine(json, 1, line -> Long.toString(Long.parseLong(line) + delta)));
                assertThat(outcome).as("%s size %+d", subject.name(), delta).isEqualTo(Outcome.rejected(CHECKPOINT_INVALID));
            }
        }
    }

    @Test
    void checkpointSignatureBitFlips() {
        // the signature line is "— <name> <base64(key hint ‖ signature)>"; flips in the hint find no key
        for (Subject subject : ALL) {
            String envelope = subject.text(CHECKPOINT);
            String[] lines = envelope.split("\n", -1);
            int sigLine = envelope.substring(0, envelope.lastIndexOf("\n\n") + 2).split("\n", -1).length - 1;
            String line = lines[sigLine];
            String prefix = line.substring(0, line.lastIndexOf(' ') + 1);
            Bytes sig = decode(line.substring(prefix.length()));
            int count = subject == PROVENANCE ? sig.length() * 8 : sig.length();
            Tally tally = subject.mutateEach(count, i -> json -> {
                int bit = subject == PROVENANCE ? i : i * 8 + i % 8;
                editCheckpointLine(json, sigLine, l -> prefix + MutationHarness.flip(sig, bit).base64());
            });
            check(subject, "checkpoint signature", tally, count, CHECKPOINT_INVALID);
            Outcome renamed = subject.mutate(json -> editCheckpointLine(json, sigLine, l -> "— example.com " + l.substring(prefix.length())));
            assertThat(renamed).as(subject.name()).isEqualTo(Outcome.rejected(CHECKPOINT_INVALID));
        }
    }

    @Test
    void certificateFromAnotherChainIsNotTheLoggedSigner() {
        // A whole valid leaf from elsewhere parses and chains, but the log entry records the original signer.
        String leafA = PROVENANCE.text(CERTIFICATE);
        String leafB = MESSAGE.text(CERTIFICATE);
        assertThat(PROVENANCE.mutate(json -> MutationHarness.setText(json, CERTIFICATE, leafB))).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
        assertThat(MESSAGE.mutate(json -> MutationHarness.setText(json, CERTIFICATE, leafA))).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
        // a production leaf in a bundle verified against the staging root
        assertThat(REKOR_V2.mutate(json -> MutationHarness.setText(json, CERTIFICATE, leafB))).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
        // a trusted root certificate posing as the leaf is not the signer the log recorded either
        String fulcioRoot = lastCertificate(BaseBundles.PRODUCTION_ROOT_JSON.at("/certificateAuthorities/0/certChain/certificates"));
        assertThat(PROVENANCE.mutate(json -> MutationHarness.setText(json, CERTIFICATE, fulcioRoot))).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
    }

    @Test
    void kindVersionMustMatchTheBody() {
        for (Subject subject : ALL) {
            String kind = subject.text(ENTRY + "/kindVersion/kind");
            String otherKind = kind.equals("dsse") ? "intoto" : "dsse";
            assertThat(subject.mutate(json -> MutationHarness.setText(json, ENTRY + "/kindVersion/kind", otherKind)))
                    .as(subject.name()).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
            assertThat(subject.mutate(json -> MutationHarness.setText(json, ENTRY + "/kindVersion/version", "0.0.3")))
                    .as(subject.name()).isEqualTo(Outcome.rejected(TLOG_BODY_MISMATCH));
        }
    }

    @Test
    void structuralMutationsFailAtParseTime() {
        // These break a rule of sigstore.md §8 step 1, so BundleCodec.parse throws FormatException.
        for (Subject subject : ALL) {
            assertThat(subject.mutate(json -> MutationHarness.remove(json, PROOF))).as("no proof").isEqualTo(Outcome.FORMAT_ERROR);
            assertThat(subject.mutate(json -> MutationHarness.remove(json, PROOF + "/checkpoint"))).as("no checkpoint").isEqualTo(Outcome.FORMAT_ERROR);
            assertThat(subject.mutate(json -> MutationHarness.setText(json, "/mediaType", "application/vnd.dev.sigstore.bundle.v0.9+json")))
                    .as("unknown version").isEqualTo(Outcome.FORMAT_ERROR);
            assertThat(subject.mutate(json -> MutationHarness.setText(json, ENTRY + "/logIndex", "-1"))).as("negative index").isEqualTo(Outcome.FORMAT_ERROR);
            assertThat(subject.mutate(json -> json.set("messageSignature".equals(contentField(json)) ? "dsseEnvelope" : "messageSignature",
                    json.get(contentField(json)).deepCopy()))).as("two contents").isEqualTo(Outcome.FORMAT_ERROR);
        }
        for (Subject subject : List.of(PROVENANCE, KEYED)) {
            assertThat(subject.mutate(json -> {
                ArrayNode signatures = (ArrayNode) json.at("/dsseEnvelope/signatures");
                signatures.add(signatures.get(0).deepCopy());
            })).as("two DSSE signatures").isEqualTo(Outcome.FORMAT_ERROR);
        }
        // v0.3 forbids a certificate chain
        assertThat(PROVENANCE.mutate(json -> {
            ObjectNode material = (ObjectNode) json.get("verificationMaterial");
            material.putObject("x509CertificateChain").putArray("certificates").add(material.remove("certificate"));
        })).isEqualTo(Outcome.FORMAT_ERROR);
    }

    @Test
    void droppedEvidenceLeavesThresholdsUnmet() {
        // v0.3 may omit the SET, but then a Rekor v1 entry yields no trusted time
        for (Subject subject : List.of(PROVENANCE, MESSAGE)) {
            assertThat(subject.mutate(json -> MutationHarness.remove(json, ENTRY + "/inclusionPromise")))
                    .as(subject.name()).isEqualTo(Outcome.rejected(TIMESTAMP_THRESHOLD_NOT_MET));
        }
        for (Subject subject : ALL) {
            assertThat(subject.mutate(json -> ((ArrayNode) json.at("/verificationMaterial/tlogEntries")).removeAll()))
                    .as(subject.name()).isEqualTo(Outcome.rejected(TLOG_THRESHOLD_NOT_MET));
        }
        // a Rekor v2 entry yields no time, so without its RFC 3161 token nothing dates the signature
        // (the token's own bytes are mutated in Rfc3161MutationTest)
        assertThat(REKOR_V2.mutate(json -> ((ArrayNode) json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps")).removeAll()))
                .isEqualTo(Outcome.rejected(TIMESTAMP_THRESHOLD_NOT_MET));
    }

    @Test
    void theSameEntryTwiceCountsOnce() {
        Verifier twoLogs = MutationHarness.verifier(BaseBundles.PRODUCTION_ROOT_JSON, VerifierOptions.defaults().withTlogThreshold(2));
        Verifier twoLogsV2 = MutationHarness.verifier(BaseBundles.REKOR2_ROOT_JSON, VerifierOptions.defaults().withTlogThreshold(2));
        for (Subject subject : ALL) {
            ObjectNode json = subject.bundle().deepCopy();
            ArrayNode entries = (ArrayNode) json.at("/verificationMaterial/tlogEntries");
            entries.add(entries.get(0).deepCopy());
            Verifier verifier = subject == REKOR_V2 ? twoLogsV2 : twoLogs;
            assertThat(MutationHarness.run(json, verifier, subject.policy())).as(subject.name()).isEqualTo(Outcome.rejected(TLOG_THRESHOLD_NOT_MET));
        }
    }

    @Test
    void dssePayloadTypeAndKeyHint() {
        // the dsse 0.0.1 body does not record the payload type; the verifier refuses non-in-toto payloads itself
        for (Subject subject : List.of(PROVENANCE, KEYED)) {
            assertThat(subject.mutate(json -> MutationHarness.setText(json, "/dsseEnvelope/payloadType", "application/json")))
                    .as(subject.name()).isEqualTo(Outcome.rejected(DSSE_PAYLOAD_TYPE_UNSUPPORTED));
        }
        // a keyed bundle's hint and the DSSE keyid must agree when both are given
        assertThat(KEYED.mutate(json -> MutationHarness.setText(json, "/dsseEnvelope/signatures/0/keyid", "SHA256:other")))
                .isEqualTo(Outcome.rejected(PUBLIC_KEY_MISMATCH));
        assertThat(KEYED.mutate(json -> MutationHarness.setText(json, "/verificationMaterial/publicKey/hint", "SHA256:other")))
                .isEqualTo(Outcome.rejected(PUBLIC_KEY_MISMATCH));
    }

    static String contentField(ObjectNode json) {
        return json.has("messageSignature") ? "messageSignature" : "dsseEnvelope";
    }

    static String lastCertificate(com.fasterxml.jackson.databind.JsonNode certificates) {
        return certificates.get(certificates.size() - 1).get("rawBytes").textValue();
    }

    static void addToNumber(ObjectNode json, String pointer, long delta) {
        MutationHarness.setText(json, pointer, Long.toString(Long.parseLong(MutationHarness.text(json, pointer)) + delta));
    }

    static Bytes checkpointRoot(Subject subject) {
        return decode(subject.text(CHECKPOINT).split("\n")[2]);
    }

    static Bytes decode(String base64) {
        try {
            return Bytes.fromBase64(base64);
        } catch (dev.hallmark.core.FormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void editCheckpointLine(ObjectNode json, int index, UnaryOperator<String> edit) {
        String[] lines = MutationHarness.text(json, CHECKPOINT).split("\n", -1);
        lines[index] = edit.apply(lines[index]);
        MutationHarness.setText(json, CHECKPOINT, String.join("\n", lines));
    }
}
