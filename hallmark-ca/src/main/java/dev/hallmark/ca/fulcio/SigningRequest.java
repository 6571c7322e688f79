package dev.hallmark.ca.fulcio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /api/v2/signingCert} (sigstore.md §1.1, Fulcio {@code CreateSigningCertificateRequest} in
 * proto3 JSON): optional credentials and exactly one of {@code publicKeyRequest} or {@code certificateSigningRequest}.
 */
record SigningRequest(Optional<String> token, KeyRequest key) {
    SigningRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(key, "key");
    }

    /** The {@code key} oneof. */
    sealed interface KeyRequest permits PublicKeyRequest, CsrRequest {
    }

    /** A key (PEM or DER SPKI; the {@code algorithm} field is informational) and its proof of possession. */
    record PublicKeyRequest(Bytes content, Bytes proofOfPossession) implements KeyRequest {
        PublicKeyRequest {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(proofOfPossession, "proofOfPossession");
        }
    }

    /** A PEM PKCS#10 request (sent as b64 of the PEM text); its self-signature is the proof of possession. */
    record CsrRequest(String pem) implements KeyRequest {
        CsrRequest {
            Objects.requireNonNull(pem, "pem");
        }
    }

    static SigningRequest parse(Bytes body, int maxBytes) throws FormatException {
        ObjectNode root = Json.parseObject(body.toArray(), maxBytes);
        Optional<String> token = Optional.empty();
        Optional<ObjectNode> credentials = Json.optionalObject(root, "credentials");
        if (credentials.isPresent()) {
            token = Json.optionalText(credentials.get(), "oidcIdentityToken").filter(t -> !t.isEmpty());
        }
        Optional<ObjectNode> publicKeyRequest = Json.optionalObject(root, "publicKeyRequest");
        Optional<Bytes> csr = Json.optionalBase64(root, "certificateSigningRequest").filter(b -> !b.isEmpty());
        if (publicKeyRequest.isPresent() == csr.isPresent()) {
            throw new FormatException("exactly one of publicKeyRequest and certificateSigningRequest is required");
        }
        if (csr.isPresent()) {
            return new SigningRequest(token, new CsrRequest(new String(csr.get().toArray(), StandardCharsets.US_ASCII)));
        }
        ObjectNode publicKey = Json.requireObject(publicKeyRequest.get(), "publicKey");
        String content = Json.requireNonEmptyText(publicKey, "content");
        JsonNode algorithm = publicKey.get("algorithm");
        if (algorithm != null && !algorithm.isTextual() && !algorithm.isNull()) {
            throw new FormatException("publicKey.algorithm must be a string");
        }
        Bytes proof = Json.requireBase64(publicKeyRequest.get(), "proofOfPossession");
        return new SigningRequest(token, new PublicKeyRequest(contentBytes(content), proof));
    }

    /**
     * {@code content} is a proto3 {@code string}: PEM text as sigstore-js sends it, or (older clients) the b64 of
     * DER; both are accepted, as Fulcio does.
     */
    private static Bytes contentBytes(String content) throws FormatException {
        if (content.contains("-----BEGIN")) {
            return Bytes.utf8(content);
        }
        return Bytes.fromBase64(content);
    }
}
