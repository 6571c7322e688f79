package dev.hallmark.log.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSignature;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.rekor.DsseV001;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.rekor.HashedRekordV001;
import dev.hallmark.core.rekor.IntotoV002;
import dev.hallmark.log.rekor.EntryRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Rekor v1 {@code ProposedEntry {kind, apiVersion, spec}} into the body the log stores, after checking every
 * signature it carries (sigstore.md §3.2). The proposed forms are those sigstore-js and rekor-cli send:
 * hashedrekord 0.0.1 (proposed = canonical), dsse 0.0.1 ({@code proposedContent}) and intoto 0.0.2 (double base64).
 *
 * <p>As Rekor does, only the signature is checked, never the certificate: its chain, validity and identity are the
 * verifier's business at verification time (sigstore.md §8), so a certificate from an unknown CA is logged as long as
 * the signature verifies with its key.
 */
final class ProposedEntries {
    private ProposedEntries() {
    }

    /** Parses and checks a proposed entry given as JSON bytes (the request body). */
    static EntryBody canonicalBody(Bytes json, int maxBytes) throws EntryRejectedException {
        JsonNode node;
        try {
            node = Json.parseObject(json.toArray(), maxBytes);
        } catch (FormatException e) {
            throw new EntryRejectedException(Reason.MALFORMED, "proposed entry is not a JSON object: " + e.getMessage());
        }
        return canonicalBody(node);
    }

    /** Parses and checks a proposed entry already parsed (an element of a retrieve request's {@code entries}). */
    static EntryBody canonicalBody(JsonNode proposed) throws EntryRejectedException {
        try {
            String kind = Json.requireText(proposed, "kind");
            String apiVersion = Json.requireText(proposed, "apiVersion");
            ObjectNode spec = Json.requireObject(proposed, "spec");
            return switch (kind + "/" + apiVersion) {
                case "hashedrekord/0.0.1" -> hashedRekord(proposed, spec);
                case "dsse/0.0.1" -> dsse(spec);
                case "intoto/0.0.2" -> intoto(spec);
                default -> throw new EntryRejectedException(Reason.UNSUPPORTED_KIND,
                        "this log accepts hashedrekord 0.0.1, dsse 0.0.1 and intoto 0.0.2, not " + kind + " " + apiVersion);
            };
        } catch (FormatException | IllegalArgumentException e) {
            throw new EntryRejectedException(Reason.MALFORMED, "invalid proposed entry: " + e.getMessage());
        }
    }

    /** hashedrekord 0.0.1: the signature is over the artifact digest, checked as a prehash. */
    private static EntryBody hashedRekord(JsonNode proposed, ObjectNode spec) throws FormatException, EntryRejectedException {
        JsonNode signature = spec.get("signature");
        if (signature == null || !signature.hasNonNull("content") || signature.get("content").asText().isEmpty()) {
            throw new EntryRejectedException(Reason.UNSIGNED, "hashedrekord entry has no signature");
        }
        HashedRekordV001 body = (HashedRekordV001) EntryBody.parse(Bytes.of(Json.write(proposed)));
        PublicKey key = body.verifier().toPublicKey();
        SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key);
        if (algorithm.hash() == null) {
            throw new EntryRejectedException(Reason.UNSUPPORTED_KEY, "a " + algorithm + " key cannot sign a bare digest");
        }
        if (algorithm.hash() != body.data().algorithm()) {
            throw new EntryRejectedException(Reason.UNSUPPORTED_KEY,
                    "a " + algorithm + " signature is over a " + algorithm.hash().shortName() + " digest, not " + body.data().algorithm().shortName());
        }
        try {
            algorithm.verifier(key).verifyDigest(body.data(), body.signature().toArray());
        } catch (BadSignatureException e) {
            throw new EntryRejectedException(Reason.BAD_SIGNATURE, "the signature does not verify with the given key over the digest");
        }
        return body;
    }

    /** dsse 0.0.1: every envelope signature must verify over the PAE with one of the verifiers. */
    private static EntryBody dsse(ObjectNode spec) throws FormatException, EntryRejectedException {
        ObjectNode content = Json.requireObject(spec, "proposedContent");
        String envelope = Json.requireNonEmptyText(content, "envelope");
        JsonNode envelopeNode = Json.parse(envelope.getBytes(StandardCharsets.UTF_8), Envelope.MAX_BYTES);
        if (!(envelopeNode.get("signatures") instanceof ArrayNode sigs) || sigs.isEmpty()) {
            throw new EntryRejectedException(Reason.UNSIGNED, "the DSSE envelope has no signatures");
        }
        ArrayNode verifiers = Json.optionalArray(content, "verifiers");
        if (verifiers.isEmpty()) {
            throw new EntryRejectedException(Reason.UNSIGNED, "a dsse entry needs at least one verifier");
        }
        List<String> pems = new ArrayList<>();
        for (JsonNode v : verifiers) {
            if (!v.isTextual()) {
                throw new FormatException("verifiers must be base64 strings");
            }
            pems.add(new String(Bytes.fromBase64(v.textValue()).toArray(), StandardCharsets.UTF_8));
        }
        try {
            return DsseV001.fromProposed(envelope, pems);
        } catch (BadSignatureException e) {
            throw new EntryRejectedException(Reason.BAD_SIGNATURE, "an envelope signature verifies with none of the verifiers");
        }
    }

    /**
     * intoto 0.0.2: payload and each sig are base64 of base64 text (sigstore.md §3.2); each signature must verify over
     * the PAE with its own public key. A {@code payloadHash} the client computed must match the payload.
     */
    private static EntryBody intoto(ObjectNode spec) throws FormatException, EntryRejectedException {
        ObjectNode content = Json.requireObject(spec, "content");
        ObjectNode envelope = Json.requireObject(content, "envelope");
        ArrayNode sigs = Json.optionalArray(envelope, "signatures");
        if (sigs.isEmpty()) {
            throw new EntryRejectedException(Reason.UNSIGNED, "the in-toto envelope has no signatures");
        }
        Bytes payload = twice(Json.requireText(envelope, "payload"));
        List<EnvelopeSignature> signatures = new ArrayList<>();
        List<String> pems = new ArrayList<>();
        for (JsonNode s : sigs) {
            if (!s.hasNonNull("publicKey")) {
                throw new EntryRejectedException(Reason.UNSIGNED, "an in-toto signature has no public key");
            }
            signatures.add(new EnvelopeSignature(Json.optionalText(s, "keyid").orElse(""), twice(Json.requireText(s, "sig"))));
            pems.add(new String(Json.requireBase64(s, "publicKey").toArray(), StandardCharsets.UTF_8));
        }
        Envelope decoded = new Envelope(Json.requireNonEmptyText(envelope, "payloadType"), payload, signatures);
        IntotoV002 body;
        try {
            body = IntotoV002.fromProposed(decoded, pems);
        } catch (BadSignatureException e) {
            throw new EntryRejectedException(Reason.BAD_SIGNATURE, "an envelope signature does not verify with its public key");
        }
        if (content.hasNonNull("payloadHash")) {
            ObjectNode claimed = Json.requireObject(content, "payloadHash");
            Digest ours = body.payloadHash();
            if (!ours.algorithm().shortName().equals(Json.requireText(claimed, "algorithm"))
                    || !ours.value().equals(Json.requireHex(claimed, "value"))) {
                throw new EntryRejectedException(Reason.MALFORMED, "payloadHash does not match the envelope payload");
            }
        }
        return body;
    }

    /** Decodes the two base64 layers of an intoto 0.0.2 bytes field. */
    private static Bytes twice(String field) throws FormatException {
        Bytes once = Bytes.fromBase64(field);
        return Bytes.fromBase64(new String(once.toArray(), StandardCharsets.US_ASCII));
    }
}
