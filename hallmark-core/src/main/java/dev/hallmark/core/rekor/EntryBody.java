package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;

/**
 * A Rekor entry body: the {@code canonicalizedBody} of a bundle's tlog entry, which is also the Merkle leaf preimage.
 * The kinds npm and the conformance suite produce are modelled (sigstore.md §3.2 for Rekor v1, §4.1 for Rekor v2);
 * any other kind or version is rejected, so a verifier cannot be handed a body it does not know how to compare.
 *
 * <p>{@link #canonicalize()} writes the body back as Rekor stores it (RFC 8785 JCS). For bodies parsed from a log it
 * reproduces the original bytes; the tests check this on every vector.
 */
public sealed interface EntryBody permits HashedRekordV001, DsseV001, IntotoV002, HashedRekordV002, DsseV002 {
    /** Rekor caps entries well below this; a larger body is not a real entry. */
    int MAX_BYTES = 1024 * 1024;

    String kind();

    String apiVersion();

    /** The canonical (JCS) JSON of this body, as Rekor stores it. */
    byte[] canonicalize();

    static EntryBody parse(Bytes canonicalizedBody) throws FormatException {
        ObjectNode root = Json.parseObject(canonicalizedBody.toArray(), MAX_BYTES);
        String kind = Json.requireText(root, "kind");
        String apiVersion = Json.requireText(root, "apiVersion");
        ObjectNode spec = Json.requireObject(root, "spec");
        try {
            return switch (kind + "/" + apiVersion) {
                case "hashedrekord/0.0.1" -> HashedRekordV001.parseSpec(spec);
                case "dsse/0.0.1" -> DsseV001.parseSpec(spec);
                case "intoto/0.0.2" -> IntotoV002.parseSpec(spec);
                case "hashedrekord/0.0.2" -> HashedRekordV002.parseSpec(spec);
                case "dsse/0.0.2" -> DsseV002.parseSpec(spec);
                default -> throw new FormatException("unsupported Rekor entry kind " + kind + " " + apiVersion);
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A record invariant the codec did not check first: still a format error, never a crash.
            throw new FormatException("invalid " + kind + " " + apiVersion + " body: " + e.getMessage(), e);
        }
    }
}
