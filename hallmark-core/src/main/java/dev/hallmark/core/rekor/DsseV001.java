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
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * dsse 0.0.1, the Rekor v1 entry npm 11 writes for provenance and npmjs for publish attestations (sigstore.md §3.2):
 * {@code envelopeHash} (SHA-256 of the envelope JSON text as submitted), {@code payloadHash} (SHA-256 of the decoded
 * payload) and {@code signatures[]} of {@code {signature: <b64 sig>, verifier: <b64 PEM>}} sorted by signature.
 *
 * <p>A verifier compares {@code payloadHash} with the bundle's payload and the single signature with the bundle's; the
 * envelope hash needs the exact submitted text, which {@link Envelope#toJson()} reproduces for npm 11 clients.
 */
public record DsseV001(Digest payloadHash, Optional<Digest> envelopeHash, List<Signature> signatures) implements EntryBody {
    public static final String KIND = "dsse";
    public static final String API_VERSION = "0.0.1";

    /** One signature over the PAE and the key that made it (b64 PEM in the body, DER here). */
    public record Signature(Bytes signature, VerifierKey verifier) {
        public Signature {
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(verifier, "verifier");
            if (signature.isEmpty()) {
                throw new IllegalArgumentException("empty signature");
            }
        }
    }

    public DsseV001 {
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(envelopeHash, "envelopeHash");
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

    static DsseV001 parseSpec(ObjectNode spec) throws FormatException {
        if (spec.has("proposedContent")) {
            throw new FormatException("a stored dsse body never holds proposedContent");
        }
        Digest payloadHash = Bodies.v1Hash(spec, "payloadHash");
        Optional<Digest> envelopeHash = spec.hasNonNull("envelopeHash")
                ? Optional.of(Bodies.v1Hash(spec, "envelopeHash")) : Optional.empty();
        ArrayNode array = Json.requireArray(spec, "signatures");
        if (array.isEmpty()) {
            throw new FormatException("dsse entry without signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : array) {
            signatures.add(new Signature(Bodies.nonEmptyBase64(s, "signature"),
                    VerifierKey.fromBase64Pem(Bodies.nonEmptyBase64(s, "verifier"))));
        }
        return new DsseV001(payloadHash, envelopeHash, signatures);
    }

    /**
     * What Rekor v1 stores for a proposed dsse entry {@code {"proposedContent":{"envelope":…,"verifiers":[…]}}}: every
     * envelope signature must verify over the PAE with one of the verifiers (throws otherwise); proposedContent is
     * dropped; equal signatures collapse into one; signatures are sorted by their base64 text; each keeps the key that
     * verified it, re-encoded as Go PEM; the envelope hash is over {@code envelopeJson} exactly as given. Signatures
     * are written in standard padded base64 (Rekor keeps the submitted text, which is the same for every client seen).
     */
    public static DsseV001 fromProposed(String envelopeJson, List<String> verifierPems)
            throws FormatException, BadSignatureException {
        byte[] envelopeBytes = envelopeJson.getBytes(StandardCharsets.UTF_8);
        Envelope envelope = Envelope.parse(envelopeBytes);
        List<VerifierKey> keys = new ArrayList<>();
        for (String pem : verifierPems) {
            keys.add(VerifierKey.fromPem(pem));
        }
        if (keys.isEmpty()) {
            throw new FormatException("a proposed dsse entry needs at least one verifier");
        }
        Bytes pae = envelope.pae();
        // Keyed by the base64 text, as Rekor keys its signature map, which also fixes the (Go string) sort order.
        TreeMap<String, Signature> bySignature = new TreeMap<>(Comparator.naturalOrder());
        for (EnvelopeSignature s : envelope.signatures()) {
            VerifierKey match = null;
            for (VerifierKey key : keys) {
                if (ProposedSignatures.verifies(key, pae, s.sig())) {
                    match = key;
                    break;
                }
            }
            if (match == null) {
                throw new BadSignatureException("an envelope signature verifies with none of the proposed verifiers");
            }
            bySignature.put(s.sig().base64(), new Signature(s.sig(), match));
        }
        return new DsseV001(Digest.sha256(envelope.payload().toArray()), Optional.of(Digest.sha256(envelopeBytes)),
                new ArrayList<>(bySignature.values()));
    }

    @Override
    public byte[] canonicalize() {
        ObjectNode spec = Json.object();
        envelopeHash.ifPresent(h -> spec.set("envelopeHash", Bodies.v1Hash(h)));
        spec.set("payloadHash", Bodies.v1Hash(payloadHash));
        ArrayNode array = spec.putArray("signatures");
        for (Signature s : signatures) {
            ObjectNode sig = array.addObject();
            sig.put("signature", s.signature().base64());
            sig.put("verifier", Bodies.b64Pem(s.verifier()));
        }
        return Bodies.envelope(KIND, API_VERSION, spec);
    }
}
