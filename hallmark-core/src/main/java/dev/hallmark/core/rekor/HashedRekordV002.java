package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.util.Objects;

/**
 * hashedrekord 0.0.2, the only entry kind a Rekor v2 log accepts (sigstore.md §4.1): {@code spec.hashedRekordV002} with
 * {@code data} = {@code {algorithm: SHA2_256, digest: b64}} and {@code signature} = {@code {content, verifier}}. For a
 * DSSE bundle the digest is SHA-256 of the PAE and the signature is the envelope's.
 */
public record HashedRekordV002(Digest data, Bytes signature, EntryVerifier verifier) implements EntryBody {
    public static final String KIND = "hashedrekord";
    public static final String API_VERSION = "0.0.2";

    public HashedRekordV002 {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(verifier, "verifier");
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("empty signature");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String apiVersion() {
        return API_VERSION;
    }

    static HashedRekordV002 parseSpec(ObjectNode spec) throws FormatException {
        ObjectNode body = Json.requireObject(spec, "hashedRekordV002");
        Digest data = Bodies.v2Hash(body, "data");
        ObjectNode sig = Json.requireObject(body, "signature");
        return new HashedRekordV002(data, Bodies.nonEmptyBase64(sig, "content"), Bodies.v2Verifier(sig, "verifier"));
    }

    /** The body a Rekor v2 log stores for this digest, signature and verifier. */
    public static byte[] canonical(Digest data, Bytes signature, EntryVerifier verifier) {
        return new HashedRekordV002(data, signature, verifier).canonicalize();
    }

    @Override
    public byte[] canonicalize() {
        ObjectNode spec = Json.object();
        ObjectNode body = spec.putObject("hashedRekordV002");
        body.set("data", Bodies.v2Hash(data));
        ObjectNode sig = body.putObject("signature");
        sig.put("content", signature.base64());
        sig.set("verifier", Bodies.v2Verifier(verifier));
        return Bodies.envelope(KIND, API_VERSION, spec);
    }
}
