package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * dsse 0.0.2 ({@code spec.dsseV002}): defined in protobuf-specs but deprecated and refused by Rekor v2 servers
 * (sigstore.md §4.1). It is parsed so that verifiers can recognise it; sigstore-java rejects such bundles and sigstore-js
 * accepts them (vectors README, {@code bundle.dsse.rekor-v2.bad-entry-type}).
 */
public record DsseV002(Digest payloadHash, List<Signature> signatures) implements EntryBody {
    public static final String KIND = "dsse";
    public static final String API_VERSION = "0.0.2";

    /** One signature over the PAE with the key that made it. */
    public record Signature(Bytes content, EntryVerifier verifier) {
        public Signature {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(verifier, "verifier");
        }
    }

    public DsseV002 {
        Objects.requireNonNull(payloadHash, "payloadHash");
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("dsse entry without signatures");
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

    static DsseV002 parseSpec(ObjectNode spec) throws FormatException {
        ObjectNode body = Json.requireObject(spec, "dsseV002");
        Digest payloadHash = Bodies.v2Hash(body, "payloadHash");
        ArrayNode array = Json.requireArray(body, "signatures");
        if (array.isEmpty()) {
            throw new FormatException("dsse entry without signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : array) {
            signatures.add(new Signature(Bodies.nonEmptyBase64(s, "content"), Bodies.v2Verifier(s, "verifier")));
        }
        return new DsseV002(payloadHash, signatures);
    }

    @Override
    public byte[] canonicalize() {
        ObjectNode spec = Json.object();
        ObjectNode body = spec.putObject("dsseV002");
        body.set("payloadHash", Bodies.v2Hash(payloadHash));
        ArrayNode array = body.putArray("signatures");
        for (Signature s : signatures) {
            ObjectNode sig = array.addObject();
            sig.put("content", s.content().base64());
            sig.set("verifier", Bodies.v2Verifier(s.verifier()));
        }
        return Bodies.envelope(KIND, API_VERSION, spec);
    }
}
