package dev.hallmark.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TUF signs OLPC canonical JSON of {@code signed} (sigstore.md §7.3); the public-good root chain proves our form. */
class OlpcCanonicalJsonTest {
    private static final String ROOTS = "tuf/public-good/metadata/root_history/";
    /** DER prefix of a P-256 SubjectPublicKeyInfo, before the 65-byte uncompressed point. */
    private static final String P256_SPKI_PREFIX = "3059301306072a8648ce3d020106082a8648ce3d030107034200";

    private static JsonNode root(int version) throws FormatException {
        return Json.parse(Vectors.bytes(ROOTS + version + ".root.json"), 1 << 20);
    }

    private static PublicKey key(JsonNode keyObject) throws FormatException {
        String pub = keyObject.get("keyval").get("public").textValue();
        return pub.startsWith("-----BEGIN") ? Keys.publicKeyFromPem(pub) : Keys.publicKeyFromDer(Bytes.fromHex(P256_SPKI_PREFIX + pub));
    }

    /** Counts the signatures on {@code version} that verify with root keys of {@code previous}. */
    private static int verifiedSignatures(int previous, int version) throws Exception {
        JsonNode old = root(previous);
        JsonNode next = root(version);
        byte[] canonical = OlpcCanonicalJson.canonicalize(next.get("signed"));
        JsonNode keys = old.get("signed").get("keys");
        int verified = 0;
        for (JsonNode signature : next.get("signatures")) {
            JsonNode keyObject = keys.get(signature.get("keyid").textValue());
            if (keyObject == null) {
                continue;
            }
            PublicKey publicKey = key(keyObject);
            SignatureAlgorithm.ECDSA_P256_SHA256.verifier(publicKey)
                    .verify(canonical, Bytes.fromHex(signature.get("sig").textValue()).toArray());
            verified++;
        }
        return verified;
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "4, 5", "5, 6", "15, 16"})
    void publicGoodRootSignaturesVerifyOverOurCanonicalForm(int previous, int version) throws Exception {
        int threshold = root(previous).get("signed").get("roles").get("root").get("threshold").intValue();
        assertThat(verifiedSignatures(previous, version)).isGreaterThanOrEqualTo(threshold);
    }

    @Test
    void aChangedFieldBreaksTheSignature() throws Exception {
        JsonNode next = root(2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) next.get("signed")).put("version", 3);
        JsonNode signature = next.get("signatures").get(0);
        PublicKey publicKey = key(root(1).get("signed").get("keys").get(signature.get("keyid").textValue()));
        assertThatThrownBy(() -> SignatureAlgorithm.ECDSA_P256_SHA256.verifier(publicKey)
                .verify(OlpcCanonicalJson.canonicalize(next.get("signed")), Bytes.fromHex(signature.get("sig").textValue()).toArray()))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void keyIdsAreTheHashOfTheCanonicalKey() throws FormatException {
        JsonNode keys = root(16).get("signed").get("keys");
        keys.properties().forEach(e -> assertThat(Digest.sha256(OlpcCanonicalJson.canonicalize(e.getValue())).hex())
                .isEqualTo(e.getKey()));
    }

    @Test
    void escapesOnlyQuoteAndBackslashAndSortsByCodePoint() throws FormatException {
        JsonNode node = Json.parse("{\"b\":\"x\\\"y\\\\z\\n\\u0001\",\"a\":[1,-2,true,null],\"\\ud83d\\ude00\":1,\"\\uffff\":2}"
                .getBytes(StandardCharsets.UTF_8), 1000);
        assertThat(new String(OlpcCanonicalJson.canonicalize(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1,-2,true,null],\"b\":\"x\\\"y\\\\z\n\u0001\",\"\uffff\":2,\"\ud83d\ude00\":1}");
    }

    @Test
    void rejectsFloats() throws FormatException {
        JsonNode node = Json.parse("{\"a\":1.5}".getBytes(StandardCharsets.UTF_8), 1000);
        assertThatThrownBy(() -> OlpcCanonicalJson.canonicalize(node)).isInstanceOf(IllegalArgumentException.class);
    }
}
