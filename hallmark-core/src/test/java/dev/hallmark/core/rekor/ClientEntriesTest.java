package dev.hallmark.core.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import org.junit.jupiter.api.Test;

/** The client-side request builders a signer posts (hashedrekord 0.0.1 to Rekor v1, hashedrekord 0.0.2 to Rekor v2). */
class ClientEntriesTest {
    private static BundleVectors.Entry entry(String vector) {
        return BundleVectors.all().stream().filter(e -> e.label().equals(vector)).findFirst().orElseThrow();
    }

    @Test
    void aProposedHashedRekordIsTheBodyRekorStores() throws FormatException {
        BundleVectors.Entry e = entry("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
        JsonNode ms = e.messageSignature().orElseThrow();
        Digest digest = Digest.of(HashAlgorithm.SHA2_256, Bytes.fromBase64(ms.get("messageDigest").get("digest").textValue()));
        Bytes proposed = RekorV1Entries.proposedHashedRekord(digest, Bytes.fromBase64(ms.get("signature").textValue()),
                VerifierKey.certificate(e.certificate()));
        assertThat(proposed).isEqualTo(e.body());
        assertThatThrownBy(() -> RekorV1Entries.proposedHashedRekord(Digest.sha512(new byte[1]), Bytes.utf8("s"),
                VerifierKey.certificate(e.certificate()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRekorV2RequestCarriesWhatTheStoredBodyHoldsAndTheResponseParsesAsTheBundleEntry() throws Exception {
        BundleVectors.Entry e = entry("conformance/bundle-verify/rekor2-happy-path/bundle.sigstore.json");
        HashedRekordV002 stored = (HashedRekordV002) EntryBody.parse(e.body());
        JsonNode request = Json.parse(RekorV2Entries.hashedRekordRequest(stored.data(), stored.signature(), stored.verifier())
                .toArray(), 1 << 20).get("hashedRekordRequestV002");
        assertThat(request.get("digest").textValue()).isEqualTo(stored.data().value().base64());
        assertThat(request.at("/signature/content").textValue()).isEqualTo(stored.signature().base64());
        assertThat(request.at("/signature/verifier/keyDetails").textValue()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
        assertThat(request.at("/signature/verifier/x509Certificate/rawBytes").textValue()).isEqualTo(e.certificate().base64());

        TlogEntry parsed = RekorV2Entries.parseResponse(Json.write(e.tlogEntry()));
        TlogEntry inBundle = BundleCodec.parse(Json.write(e.bundle())).verificationMaterial().tlogEntries().get(0);
        assertThat(parsed).isEqualTo(inBundle);
        assertThatThrownBy(() -> RekorV2Entries.parseResponse("{\"logIndex\":\"1\"}".getBytes()))
                .isInstanceOf(FormatException.class);
    }
}
