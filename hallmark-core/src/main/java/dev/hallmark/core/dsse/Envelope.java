package dev.hallmark.core.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.CanonicalJson;
import dev.hallmark.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE v1 envelope (secure-systems-lab/dsse envelope.md): the payload is held decoded, as the bytes that were signed.
 *
 * <p>{@link #toJson()} reproduces the JSON text current sigstore-js (npm 11) submits to Rekor as the dsse 0.0.1
 * {@code proposedContent.envelope}: members in the order payload, payloadType, signatures, each signature as
 * {@code {"sig":…}} or {@code {"sig":…,"keyid":…}}, an empty keyid left out. Rekor stores SHA-256 of that exact string as
 * {@code envelopeHash}; this was checked byte for byte against the playwright-cli 0.1.1 entries (2026). sigstore-js
 * releases of 2023 wrote {@code "keyid":""} instead; {@link #toJson(boolean)} with {@code true} reproduces those.
 */
public record Envelope(String payloadType, Bytes payload, List<EnvelopeSignature> signatures) {
    /** Envelopes carry attestations of a few kilobytes; 32 MiB leaves room for any legitimate statement. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    public Envelope {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        signatures = List.copyOf(signatures);
    }

    /** Parses the standard DSSE JSON form (payload and sig in base64; keyid optional). */
    public static Envelope parse(byte[] json) throws FormatException {
        return fromJson(Json.parse(json, MAX_BYTES));
    }

    /** Reads an envelope already parsed as part of a larger document, such as a bundle's {@code dsseEnvelope}. */
    public static Envelope fromJson(JsonNode node) throws FormatException {
        try {
            return read(node);
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid DSSE envelope: " + e.getMessage(), e);
        }
    }

    private static Envelope read(JsonNode node) throws FormatException {
        String payloadType = Json.requireNonEmptyText(node, "payloadType");
        Bytes payload = Json.requireBase64(node, "payload");
        ArrayNode sigs = Json.requireArray(node, "signatures");
        if (sigs.isEmpty()) {
            throw new FormatException("DSSE envelope has no signatures");
        }
        List<EnvelopeSignature> signatures = new ArrayList<>();
        for (JsonNode sig : sigs) {
            Bytes value = Json.requireBase64(sig, "sig");
            if (value.isEmpty()) {
                throw new FormatException("empty DSSE signature");
            }
            signatures.add(new EnvelopeSignature(Json.optionalText(sig, "keyid").orElse(""), value));
        }
        return new Envelope(payloadType, payload, signatures);
    }

    /** The bytes every signature covers. */
    public Bytes pae() {
        return Pae.encode(payloadType, payload);
    }

    /** The JSON text npm 11 (sigstore-js) writes for this envelope; see the class comment. */
    public String toJson() {
        return toJson(false);
    }

    /** As {@link #toJson()}; with {@code writeEmptyKeyid}, empty key ids are written as {@code "keyid":""}. */
    public String toJson(boolean writeEmptyKeyid) {
        // Written by hand so that string escaping is JSON.stringify's, byte for byte.
        StringBuilder out = new StringBuilder("{\"payload\":\"").append(payload.base64())
                .append("\",\"payloadType\":").append(CanonicalJson.quote(payloadType)).append(",\"signatures\":[");
        for (int i = 0; i < signatures.size(); i++) {
            EnvelopeSignature s = signatures.get(i);
            out.append(i == 0 ? "" : ",").append("{\"sig\":\"").append(s.sig().base64()).append('"');
            if (writeEmptyKeyid || !s.keyid().isEmpty()) {
                out.append(",\"keyid\":").append(CanonicalJson.quote(s.keyid()));
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }
}
