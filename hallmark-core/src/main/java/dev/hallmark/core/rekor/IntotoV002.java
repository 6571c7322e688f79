package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSignature;
import dev.hallmark.core.json.CanonicalJson;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * intoto 0.0.2, the Rekor v1 entry npm up to 10 wrote; registries still serve it (sigstore.md §3.2). The stored body keeps
 * {@code content.envelope.payloadType}, {@code content.envelope.signatures}, {@code content.hash} and
 * {@code content.payloadHash}; Rekor drops {@code envelope.payload} (one synthetic conformance body keeps it, so it is
 * optional here).
 *
 * <p><b>Double base64.</b> In the proposed entry the envelope's {@code payload} and each {@code sig} are base64 of the
 * <em>base64 text</em> of the raw bytes, because Rekor's schema types them as {@code bytes} while DSSE already holds
 * them as base64 strings. This codec decodes the outer layer once: {@link Signature#sig()} is then the same base64
 * text the bundle's DSSE envelope carries (what sigstore-js compares), and {@link Signature#rawSignature()} decodes it
 * a second time to the DER signature. {@code publicKey} is single base64 of PEM text, kept exactly as submitted
 * (unlike dsse, Rekor does not re-encode it).
 */
public record IntotoV002(String payloadType, Optional<Bytes> payload, List<Signature> signatures, Digest hash,
        Digest payloadHash) implements EntryBody {
    public static final String KIND = "intoto";
    public static final String API_VERSION = "0.0.2";

    /**
     * @param sig the signature's base64 text, i.e. {@code envelope.signatures[].sig} decoded once
     * @param keyid the DSSE key id, empty when absent (Rekor omits an empty one)
     * @param publicKeyPem the PEM text as the client submitted it
     */
    public record Signature(String sig, String keyid, String publicKeyPem, VerifierKey publicKey) {
        public Signature {
            Objects.requireNonNull(sig, "sig");
            Objects.requireNonNull(keyid, "keyid");
            Objects.requireNonNull(publicKeyPem, "publicKeyPem");
            Objects.requireNonNull(publicKey, "publicKey");
            try {
                if (Bytes.fromBase64(sig).isEmpty()) {
                    throw new IllegalArgumentException("empty signature");
                }
            } catch (FormatException e) {
                throw new IllegalArgumentException("sig must be base64 text", e);
            }
        }

        /** The DER signature bytes: {@link #sig()} decoded (the second decoding of the stored value). */
        public Bytes rawSignature() {
            try {
                return Bytes.fromBase64(sig);
            } catch (FormatException e) {
                throw new IllegalStateException("checked in the constructor", e);
            }
        }
    }

    public IntotoV002 {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("intoto entry without signatures");
        }
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(payloadHash, "payloadHash");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String apiVersion() {
        return API_VERSION;
    }

    static IntotoV002 parseSpec(ObjectNode spec) throws FormatException {
        ObjectNode content = Json.requireObject(spec, "content");
        ObjectNode envelope = Json.requireObject(content, "envelope");
        String payloadType = Json.requireNonEmptyText(envelope, "payloadType");
        Optional<Bytes> payload = Optional.empty();
        if (envelope.hasNonNull("payload")) {
            payload = Optional.of(decodeAscii(Json.requireBase64(envelope, "payload"), "payload"));
        }
        ArrayNode array = Json.requireArray(envelope, "signatures");
        if (array.isEmpty()) {
            throw new FormatException("intoto entry without signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : array) {
            Bytes once = Bodies.nonEmptyBase64(s, "sig");
            String sig = new String(once.toArray(), StandardCharsets.US_ASCII);
            decodeAscii(once, "sig");
            String pem = new String(Bodies.nonEmptyBase64(s, "publicKey").toArray(), StandardCharsets.UTF_8);
            signatures.add(new Signature(sig, Json.optionalText(s, "keyid").orElse(""), pem, VerifierKey.fromPem(pem)));
        }
        return new IntotoV002(payloadType, payload, signatures, Bodies.v1Hash(content, "hash"),
                Bodies.v1Hash(content, "payloadHash"));
    }

    /**
     * What Rekor v1 stores when sigstore-js proposes an intoto entry for {@code envelope}, one PEM per signature in order
     * (sigstore-js writes 64-column PEM without a final newline): each signature must verify over the PAE with its key;
     * {@code hash} is SHA-256 of the JCS of {@code {payload, payloadType, signatures:[{keyid?, publicKey: PEM, sig}]}}
     * with payload and sig as single base64, as sigstore-js computes it; the payload itself is not stored. Entries
     * made before mid-2023 hashed the envelope without {@code publicKey} and cannot be rebuilt this way.
     */
    public static IntotoV002 fromProposed(Envelope envelope, List<String> publicKeyPems)
            throws FormatException, BadSignatureException {
        if (publicKeyPems.size() != envelope.signatures().size()) {
            throw new FormatException("need one public key per envelope signature");
        }
        Bytes pae = envelope.pae();
        List<Signature> signatures = new ArrayList<>();
        ObjectNode hashed = Json.object();
        hashed.put("payload", envelope.payload().base64());
        hashed.put("payloadType", envelope.payloadType());
        ArrayNode hashedSignatures = hashed.putArray("signatures");
        for (int i = 0; i < publicKeyPems.size(); i++) {
            EnvelopeSignature s = envelope.signatures().get(i);
            VerifierKey key = VerifierKey.fromPem(publicKeyPems.get(i));
            if (!ProposedSignatures.verifies(key, pae, s.sig())) {
                throw new BadSignatureException("envelope signature " + i + " does not verify with its public key");
            }
            signatures.add(new Signature(s.sig().base64(), s.keyid(), publicKeyPems.get(i), key));
            ObjectNode h = hashedSignatures.addObject();
            if (!s.keyid().isEmpty()) {
                h.put("keyid", s.keyid());
            }
            h.put("publicKey", publicKeyPems.get(i));
            h.put("sig", s.sig().base64());
        }
        Digest hash = Digest.sha256(CanonicalJson.canonicalize(hashed));
        return new IntotoV002(envelope.payloadType(), Optional.empty(), signatures, hash,
                Digest.sha256(envelope.payload().toArray()));
    }

    @Override
    public byte[] canonicalize() {
        ObjectNode spec = Json.object();
        ObjectNode content = spec.putObject("content");
        ObjectNode envelope = content.putObject("envelope");
        payload.ifPresent(p -> envelope.put("payload", Bytes.utf8(p.base64()).base64()));
        envelope.put("payloadType", payloadType);
        ArrayNode array = envelope.putArray("signatures");
        for (Signature s : signatures) {
            ObjectNode sig = array.addObject();
            if (!s.keyid().isEmpty()) {
                sig.put("keyid", s.keyid());
            }
            sig.put("publicKey", Bytes.utf8(s.publicKeyPem()).base64());
            sig.put("sig", Bytes.utf8(s.sig()).base64());
        }
        content.set("hash", Bodies.v1Hash(hash));
        content.set("payloadHash", Bodies.v1Hash(payloadHash));
        return Bodies.envelope(KIND, API_VERSION, spec);
    }

    /** Decodes the inner base64 layer of a double-encoded field. */
    private static Bytes decodeAscii(Bytes once, String field) throws FormatException {
        try {
            return Bytes.fromBase64(new String(once.toArray(), StandardCharsets.US_ASCII));
        } catch (FormatException e) {
            throw new FormatException("intoto " + field + " is not base64 of base64");
        }
    }
}
