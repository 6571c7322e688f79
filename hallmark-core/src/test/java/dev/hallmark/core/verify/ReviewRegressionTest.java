package dev.hallmark.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.intoto.Statement;
import dev.hallmark.core.npm.AttestationsVerifier;
import dev.hallmark.core.npm.NpmCheckException;
import dev.hallmark.core.npm.RegistryKey;
import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.core.trust.TrustedRootCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the security review found, each pinned by the input that used to get through or crash. */
class ReviewRegressionTest {
    private static final String ATTESTATIONS = "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-attestations.json";
    private static final String KEYID = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";
    private static final Digest TGZ = Digest.sha512(Vectors.bytes("npm/playwright-cli-0.1.1/playwright-cli-0.1.1.tgz"));

    private static RegistryKeys keysExpiring(String instant) throws Exception {
        RegistryKey real = RegistryKeys.parseTufTarget(Vectors.bytes("tuf/public-good/targets/registry.npmjs.org/keys.json")).find(KEYID).orElseThrow();
        return new RegistryKeys(List.of(new RegistryKey(KEYID, real.key(), Optional.of(Instant.parse(instant)), Optional.empty())));
    }

    private static ObjectNode publishBundle(ObjectNode response) {
        for (var a : response.get("attestations")) {
            if (a.get("predicateType").asText().contains("publish")) {
                return (ObjectNode) a.get("bundle");
            }
        }
        throw new IllegalStateException("no publish attestation");
    }

    @Test
    void aRegistryKeysExpiryIsJudgedAtTheTrustedTimeNotAStatedOne() throws Exception {
        ObjectNode response = MutationHarness.readObject(ATTESTATIONS);
        ArrayNode entries = (ArrayNode) publishBundle(response).at("/verificationMaterial/tlogEntries");
        ObjectNode forged = entries.get(0).deepCopy();
        forged.remove("inclusionPromise");
        forged.put("integratedTime", "1700000000"); // 2023: before the expiry, but signed by nothing
        entries.insert(0, forged);
        AttestationsVerifier attestations = new AttestationsVerifier(BaseBundles.PRODUCTION, keysExpiring("2025-06-01T00:00:00Z"));
        assertThatThrownBy(() -> attestations.verify(MutationHarness.JSON.writeValueAsBytes(response), "@playwright/cli", "0.1.1", TGZ, Optional.empty()))
                .isInstanceOfSatisfying(NpmCheckException.class, e -> assertThat(e.reason()).isEqualTo(NpmCheckException.Reason.EXPIRED_SIGNATURE_KEY));
        // A key that expires after the logged time still covers it.
        assertThat(new AttestationsVerifier(BaseBundles.PRODUCTION, keysExpiring("2027-01-01T00:00:00Z"))
                .verify(Vectors.bytes(ATTESTATIONS), "@playwright/cli", "0.1.1", TGZ, Optional.empty())).hasSize(2);
    }

    @Test
    void onlyTheFirstSubjectsDigestCountsForThePackage() throws Exception {
        String payload = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":["
                + "{\"name\":\"pkg:npm/%40playwright/cli@0.1.1\",\"digest\":{\"sha512\":\"" + "0".repeat(128) + "\"}},"
                + "{\"name\":\"pkg:npm/evil@6.6.6\",\"digest\":{\"sha512\":\"" + TGZ.hex() + "\"}}],"
                + "\"predicateType\":\"https://github.com/npm/attestation/tree/main/specs/publish/v0.1\",\"predicate\":{}}";
        Statement statement = Statement.parse(Bytes.utf8(payload));
        var check = AttestationsVerifier.class.getDeclaredMethod("checkSubject", Statement.class, String.class, String.class, Digest.class);
        check.setAccessible(true);
        assertThatThrownBy(() -> check.invoke(null, statement, "@playwright/cli", "0.1.1", TGZ))
                .hasCauseInstanceOf(NpmCheckException.class);
    }

    @Test
    void absurdIntegratedTimesAndEmptySignaturesAreFormatErrors() {
        String bundle = Vectors.text("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
        String huge = bundle.replaceFirst("\"integratedTime\": \"[0-9]+\"", "\"integratedTime\": \"9223372036854775807\"");
        assertThatThrownBy(() -> BundleCodec.parse(huge.getBytes())).isInstanceOf(FormatException.class);
        String dsse = Vectors.text("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json");
        String emptySig = dsse.replaceFirst("\"sig\":\\s*\"[^\"]+\"", "\"sig\": \"\"");
        assertThat(emptySig).isNotEqualTo(dsse);
        assertThatThrownBy(() -> BundleCodec.parse(emptySig.getBytes())).isInstanceOf(FormatException.class);
    }

    @Test
    void aTrustedRootWhoseValidityEndsBeforeItStartsIsAFormatError() {
        String root = Vectors.text("conformance/trusted_root.production.json")
                .replaceFirst("\"start\": \"2021-01-12T11:53:27Z\"", "\"start\": \"2021-01-12T11:53:27Z\", \"end\": \"2020-01-01T00:00:00Z\"");
        assertThatThrownBy(() -> TrustedRootCodec.parse(root.getBytes())).isInstanceOf(FormatException.class);
    }

    @Test
    void aZeroLogIndexMayBeOmittedAsProto3JsonDoes() throws Exception {
        ObjectNode bundle = BaseBundles.REKOR_V2.bundle().deepCopy();
        ((ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0")).remove("logIndex");
        TlogEntry entry = BundleCodec.parse(MutationHarness.JSON.writeValueAsBytes(bundle)).verificationMaterial().tlogEntries().get(0);
        assertThat(entry.logIndex()).isZero();
    }
}
