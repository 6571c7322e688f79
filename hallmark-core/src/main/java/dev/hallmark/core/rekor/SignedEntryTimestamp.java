package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.CanonicalJson;
import dev.hallmark.core.json.Json;

/**
 * The Rekor v1 Signed Entry Timestamp (bundle {@code inclusionPromise}), sigstore.md §3.3: the log signs the JCS of
 * {@code {"body":<b64 body>,"integratedTime":<unix s>,"logID":<hex log id>,"logIndex":<global index>}}. Note the log ID
 * is hex here although bundles carry it as base64, and the index is the global one, not the shard-local proof index.
 */
public final class SignedEntryTimestamp {
    private SignedEntryTimestamp() {
    }

    /** The bytes the SET signature covers. */
    public static byte[] payload(Bytes body, long integratedTime, Bytes logId, long logIndex) {
        if (integratedTime < 0 || logIndex < 0) {
            throw new IllegalArgumentException("integratedTime and logIndex are unsigned");
        }
        ObjectNode node = Json.object();
        node.put("body", body.base64());
        node.put("integratedTime", integratedTime);
        node.put("logID", logId.hex());
        node.put("logIndex", logIndex);
        return CanonicalJson.canonicalize(node);
    }
}
