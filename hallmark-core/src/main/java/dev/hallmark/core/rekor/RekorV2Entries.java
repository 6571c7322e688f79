package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;

/**
 * The Rekor v2 write API on the client side (sigstore.md §4.1): the {@code CreateEntryRequest} a signer posts to
 * {@code /api/v2/log/entries}, and the ready-to-embed {@code TransparencyLogEntry} it answers.
 */
public final class RekorV2Entries {
    private RekorV2Entries() {
    }

    /**
     * {@code hashedRekordRequestV002}, the only request a v2 log accepts: the digest that was signed (for DSSE, the
     * SHA-256 of the PAE), the signature and its verifier.
     */
    public static Bytes hashedRekordRequest(Digest digest, Bytes signature, EntryVerifier verifier) {
        ObjectNode root = Json.object();
        ObjectNode request = root.putObject("hashedRekordRequestV002");
        request.put("digest", digest.value().base64());
        ObjectNode sig = request.putObject("signature");
        sig.put("content", signature.base64());
        sig.set("verifier", Bodies.v2Verifier(verifier));
        return Bytes.of(Json.write(root));
    }

    /** The 201 response body as a bundle entry; it must carry an inclusion proof with a checkpoint. */
    public static TlogEntry parseResponse(byte[] json) throws FormatException {
        return BundleCodec.parseTlogEntry(json);
    }
}
