package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Rekor v1 API's entry formats on the client side: the proposed {@code dsse} 0.0.1 entry a signer posts, and the
 * {@code LogEntry} response turned into a bundle's transparency log entry (sigstore.md §3.5), as sigstore-js does.
 */
public final class RekorV1Entries {
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private RekorV1Entries() {
    }

    /** dsse 0.0.1 {@code proposedContent}: the envelope as JSON text and base64-of-PEM verifiers. */
    public static Bytes proposedDsse(String envelopeJson, List<String> verifierPems) {
        ObjectNode root = Json.object();
        root.put("apiVersion", DsseV001.API_VERSION);
        root.put("kind", DsseV001.KIND);
        ObjectNode content = root.putObject("spec").putObject("proposedContent");
        content.put("envelope", envelopeJson);
        ArrayNode verifiers = content.putArray("verifiers");
        verifierPems.forEach(pem -> verifiers.add(Bytes.utf8(pem).base64()));
        return Bytes.of(Json.write(root));
    }

    /** A {@code POST /api/v1/log/entries} response body ({@code {"<uuid>": LogEntryAnon}}) as a bundle entry. */
    public static TlogEntry parseResponse(byte[] json) throws FormatException {
        return toTlogEntry(Json.parseObject(json, MAX_RESPONSE_BYTES));
    }

    /** One Rekor v1 {@code LogEntry} (a single {@code entryID → LogEntryAnon} pair), with its SET and proof. */
    public static TlogEntry toTlogEntry(JsonNode logEntry) throws FormatException {
        if (!logEntry.isObject() || logEntry.size() != 1) {
            throw new FormatException("a Rekor LogEntry has exactly one entry");
        }
        Map.Entry<String, JsonNode> only = logEntry.properties().iterator().next();
        JsonNode e = only.getValue();
        Bytes body = Json.requireBase64(e, "body");
        EntryBody parsed = EntryBody.parse(body);
        JsonNode verification = Json.requireObject(e, "verification");
        JsonNode proof = Json.requireObject(verification, "inclusionProof");
        List<Bytes> hashes = new ArrayList<>();
        for (JsonNode h : Json.requireArray(proof, "hashes")) {
            if (!h.isTextual()) {
                throw new FormatException("inclusion proof hashes are hex strings");
            }
            hashes.add(hex(h.textValue()));
        }
        return new TlogEntry(nonNegative(e, "logIndex"), hex(Json.requireText(e, "logID")), parsed.kind(),
                parsed.apiVersion(), nonNegative(e, "integratedTime"),
                Optional.of(Json.requireBase64(verification, "signedEntryTimestamp")),
                Optional.of(new TlogInclusionProof(nonNegative(proof, "logIndex"), hex(Json.requireText(proof, "rootHash")),
                        nonNegative(proof, "treeSize"), hashes, Json.optionalText(proof, "checkpoint"))),
                body);
    }

    private static long nonNegative(JsonNode node, String field) throws FormatException {
        JsonNode n = node.get(field);
        if (n == null || !n.canConvertToLong() || n.asLong() < 0) {
            throw new FormatException(field + " must be a non-negative integer");
        }
        return n.asLong();
    }

    private static Bytes hex(String text) throws FormatException {
        try {
            return Bytes.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException("not hex: " + text);
        }
    }
}
