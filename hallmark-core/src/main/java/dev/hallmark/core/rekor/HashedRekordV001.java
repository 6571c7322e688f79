package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.util.Objects;

/**
 * hashedrekord 0.0.1, the Rekor v1 entry for a message signature (sigstore.md §3.2):
 * {@code spec.data.hash} = the artifact digest (hex), {@code spec.signature.content} = b64 signature,
 * {@code spec.signature.publicKey.content} = b64 of the PEM certificate or key.
 *
 * <p>Rekor re-encodes the key to Go PEM ({@code CanonicalValue}) and the signature to standard base64 before storing,
 * so {@link #canonical} reproduces a stored body byte for byte from the bundle's signature and certificate.
 */
public record HashedRekordV001(Digest data, Bytes signature, VerifierKey verifier) implements EntryBody {
    public static final String KIND = "hashedrekord";
    public static final String API_VERSION = "0.0.1";

    public HashedRekordV001 {
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

    static HashedRekordV001 parseSpec(ObjectNode spec) throws FormatException {
        Digest data = Bodies.v1Hash(Json.requireObject(spec, "data"), "hash");
        ObjectNode sig = Json.requireObject(spec, "signature");
        Bytes signature = Bodies.nonEmptyBase64(sig, "content");
        VerifierKey verifier = VerifierKey.fromBase64Pem(Bodies.nonEmptyBase64(Json.requireObject(sig, "publicKey"), "content"));
        return new HashedRekordV001(data, signature, verifier);
    }

    /** The body Rekor v1 stores for a hashedrekord 0.0.1 entry of this digest, signature and key. */
    public static byte[] canonical(Digest data, Bytes signature, VerifierKey verifier) {
        return new HashedRekordV001(data, signature, verifier).canonicalize();
    }

    @Override
    public byte[] canonicalize() {
        ObjectNode spec = Json.object();
        spec.putObject("data").set("hash", Bodies.v1Hash(data));
        ObjectNode sig = spec.putObject("signature");
        sig.put("content", signature.base64());
        sig.putObject("publicKey").put("content", Bodies.b64Pem(verifier));
        return Bodies.envelope(KIND, API_VERSION, spec);
    }
}
