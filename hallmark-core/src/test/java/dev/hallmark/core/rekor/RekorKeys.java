package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.json.Json;
import java.security.PublicKey;

/** Keys the tests take from the shared trust material. */
final class RekorKeys {
    private RekorKeys() {
    }

    /** The public-good Rekor v1 key: the production trusted root's tlog with baseUrl https://rekor.sigstore.dev. */
    static PublicKey publicGoodRekor() throws FormatException {
        JsonNode root = Json.parse(Vectors.bytes("conformance/trusted_root.production.json"), 1 << 20);
        for (JsonNode tlog : root.get("tlogs")) {
            if (tlog.get("baseUrl").textValue().equals("https://rekor.sigstore.dev")) {
                return Keys.publicKeyFromDer(Bytes.fromBase64(tlog.get("publicKey").get("rawBytes").textValue()));
            }
        }
        throw new IllegalStateException("no public-good Rekor key");
    }

    /** The npm registry key with this keyid, from the TUF target keys.json, as PEM. */
    static String npmKeyPem(String keyid) throws FormatException {
        JsonNode keys = Json.parse(Vectors.bytes("tuf/public-good/targets/registry.npmjs.org/keys.json"), 1 << 20);
        for (JsonNode key : keys.get("keys")) {
            if (key.get("keyId").textValue().equals(keyid)) {
                return Keys.toPem(Keys.publicKeyFromDer(Bytes.fromBase64(key.get("publicKey").get("rawBytes").textValue())));
            }
        }
        throw new IllegalStateException("no npm key " + keyid);
    }
}
