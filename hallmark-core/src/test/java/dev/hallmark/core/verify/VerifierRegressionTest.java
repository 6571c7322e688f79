package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.BaseBundles.KEYED;
import static dev.hallmark.core.verify.BaseBundles.NPM_KEY;
import static dev.hallmark.core.verify.BaseBundles.REKOR2_ROOT_JSON;
import static dev.hallmark.core.verify.BaseBundles.REKOR_V2;
import static dev.hallmark.core.verify.BaseBundles.TGZ_SHA512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.core.verify.MutationHarness.Outcome;
import dev.hallmark.core.verify.VerificationException.Reason;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Holes the mutation campaign found, each pinned by the attack that used to pass. */
class VerifierRegressionTest {

    @Test
    void aCopiedEntryWithAnotherIndexDoesNotCountAsASecondEntry() throws Exception {
        ObjectNode bundle = REKOR_V2.bundle().deepCopy();
        ArrayNode entries = (ArrayNode) bundle.at("/verificationMaterial/tlogEntries");
        ObjectNode copy = ((ObjectNode) entries.get(0)).deepCopy();
        copy.put("logIndex", "736");
        entries.add(copy);
        Verifier twoEntries = MutationHarness.verifier(REKOR2_ROOT_JSON, VerifierOptions.defaults().withTlogThreshold(2));
        assertThat(MutationHarness.run(bundle, twoEntries, REKOR_V2.policy())).isEqualTo(Outcome.rejected(Reason.TLOG_THRESHOLD_NOT_MET));
    }

    @Test
    void anUnsignedGlobalIndexIsNotReported() throws Exception {
        ObjectNode bundle = REKOR_V2.bundle().deepCopy();
        long proofIndex = Long.parseLong(bundle.at("/verificationMaterial/tlogEntries/0/inclusionProof/logIndex").textValue());
        ((ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0")).put("logIndex", "999999");
        VerificationResult result = BaseBundles.REKOR2.verify(BundleCodec.parse(MutationHarness.JSON.writeValueAsBytes(bundle)), REKOR_V2.policy());
        assertThat(result.logEntries()).singleElement().extracting(VerificationResult.VerifiedLogEntry::logIndex).isEqualTo(proofIndex);
    }

    @Test
    void aRekorV2LogKeyMustBeValidAtTheTimestamp() {
        ObjectNode root = REKOR2_ROOT_JSON.deepCopy();
        for (var log : root.get("tlogs")) {
            if (log.get("baseUrl").textValue().contains("log2025")) {
                ObjectNode validFor = (ObjectNode) log.at("/publicKey/validFor");
                validFor.put("start", "2020-01-01T00:00:00Z");
                validFor.put("end", "2021-01-01T00:00:00Z");
            }
        }
        assertThat(REKOR_V2.verifyWith(MutationHarness.verifier(root, MutationHarness.CLOCK)))
                .isEqualTo(Outcome.rejected(Reason.TLOG_TIME_OUTSIDE_LOG_VALIDITY));
    }

    @Test
    void aManagedKeyMustBeValidAtTheSigningTime() {
        Policy retired = Policy.forDigest(TGZ_SHA512).requireKey(NPM_KEY,
                new ValidityPeriod(Instant.parse("2024-01-01T00:00:00Z"), Optional.of(Instant.parse("2025-01-29T00:00:00Z"))));
        assertThat(MutationHarness.run(KEYED.bundle(), BaseBundles.PRODUCTION, retired))
                .isEqualTo(Outcome.rejected(Reason.PUBLIC_KEY_NOT_VALID_AT_SIGNING_TIME));
        Policy current = Policy.forDigest(TGZ_SHA512).requireKey(NPM_KEY, ValidityPeriod.from(Instant.parse("2025-01-13T00:00:00Z")));
        assertThat(MutationHarness.run(KEYED.bundle(), BaseBundles.PRODUCTION, current)).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void theTrustedRootMustParseWhole() {
        ObjectNode root = REKOR2_ROOT_JSON.deepCopy();
        ((ObjectNode) root.at("/tlogs/0/publicKey")).put("rawBytes", "AAAA");
        // the codec keeps key bytes opaque; building the verifier parses every key and refuses the root whole
        var parsed = MutationHarness.root(root);
        assertThatThrownBy(() -> Verifier.create(parsed, VerifierOptions.defaults(), MutationHarness.CLOCK))
                .isInstanceOf(dev.hallmark.core.FormatException.class);
    }
}
