package dev.hallmark.core.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SET payload (sigstore.md §3.3) is proven by real SETs verifying over it with the public-good Rekor key. */
class SignedEntryTimestampTest {
    private static JsonNode entry(String vector) throws FormatException {
        return Json.parse(Vectors.bytes(vector), 1 << 22).get("verificationMaterial").get("tlogEntries").get(0);
    }

    private static byte[] payload(JsonNode entry, long integratedTimeDelta) throws FormatException {
        return SignedEntryTimestamp.payload(Bytes.fromBase64(entry.get("canonicalizedBody").textValue()),
                Json.requireInt64String(entry, "integratedTime") + integratedTimeDelta,
                Bytes.fromBase64(entry.get("logId").get("keyId").textValue()), Json.requireInt64String(entry, "logIndex"));
    }

    private static Bytes set(JsonNode entry) throws FormatException {
        return Bytes.fromBase64(entry.get("inclusionPromise").get("signedEntryTimestamp").textValue());
    }

    private static PublicKeyVerifier rekor() throws FormatException {
        return SignatureAlgorithm.ECDSA_P256_SHA256.verifier(RekorKeys.publicGoodRekor());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json",
        "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json", // global index 953297574 != proof index
        "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json",
        "npm/sigstore-go/bundle-provenance.json",                                 // intoto, bundle v0.1
        "java/bundles/bundle.dsse.sigstore",
    })
    void realSetsVerifyOverOurPayload(String vector) throws Exception {
        JsonNode entry = entry(vector);
        rekor().verify(payload(entry, 0), set(entry).toArray());
    }

    @Test
    void payloadHasTheDocumentedShape() throws FormatException {
        JsonNode entry = entry("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json");
        String text = new String(payload(entry, 0), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"body\":\"" + entry.get("canonicalizedBody").textValue() + "\",\"integratedTime\":1771111723,"
                + "\"logID\":\"c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d\",\"logIndex\":953297574}");
    }

    @Test
    void aDifferentTimeDoesNotVerify() throws FormatException {
        JsonNode entry = entry("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
        assertThatThrownBy(() -> rekor().verify(payload(entry, 1), set(entry).toArray())).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void theConformanceInvalidSetFails() throws FormatException {
        JsonNode entry = entry("conformance/bundle-verify/set-invalid-signature_fail/bundle.sigstore.json");
        assertThatThrownBy(() -> rekor().verify(payload(entry, 0), set(entry).toArray())).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void rejectsNegativeNumbers() {
        assertThatThrownBy(() -> SignedEntryTimestamp.payload(Bytes.EMPTY, -1, Bytes.EMPTY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedEntryTimestamp.payload(Bytes.EMPTY, 0, Bytes.EMPTY, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
