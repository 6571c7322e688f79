package dev.hallmark.core.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.CanonicalJson;
import dev.hallmark.core.json.Json;
import java.util.Optional;

/** Shared pieces of the entry-body codecs. */
final class Bodies {
    private Bodies() {
    }

    /** Rekor v1 {@code {"algorithm":"sha256","value":"<hex>"}}; v1 schemas use the lower-case names only. */
    static Digest v1Hash(JsonNode parent, String field) throws FormatException {
        ObjectNode hash = Json.requireObject(parent, field);
        String name = Json.requireText(hash, "algorithm");
        HashAlgorithm algorithm = HashAlgorithm.parse(name);
        if (!algorithm.shortName().equals(name)) {
            throw new FormatException("Rekor v1 hash algorithm must be written " + algorithm.shortName());
        }
        return Digest.of(algorithm, Json.requireHex(hash, "value"));
    }

    static ObjectNode v1Hash(Digest digest) {
        ObjectNode out = Json.object();
        out.put("algorithm", digest.algorithm().shortName());
        out.put("value", digest.hex());
        return out;
    }

    /** Rekor v2 (proto3 JSON {@code HashOutput}): {@code {"algorithm":"SHA2_256","digest":"<b64>"}}. */
    static Digest v2Hash(JsonNode parent, String field) throws FormatException {
        ObjectNode hash = Json.requireObject(parent, field);
        String name = Json.requireText(hash, "algorithm");
        HashAlgorithm algorithm = HashAlgorithm.parse(name);
        if (!algorithm.name().equals(name)) {
            throw new FormatException("Rekor v2 hash algorithm must be written " + algorithm.name());
        }
        return Digest.of(algorithm, Json.requireBase64(hash, "digest"));
    }

    static ObjectNode v2Hash(Digest digest) {
        ObjectNode out = Json.object();
        out.put("algorithm", digest.algorithm().name());
        out.put("digest", digest.value().base64());
        return out;
    }

    /** A b64 field that must decode to a non-empty value. */
    static Bytes nonEmptyBase64(JsonNode parent, String field) throws FormatException {
        Bytes value = Json.requireBase64(parent, field);
        if (value.isEmpty()) {
            throw new FormatException("field " + field + " is empty");
        }
        return value;
    }

    /** Rekor v2 {@code Verifier}: exactly one of x509Certificate / publicKey, each {@code {"rawBytes":…}}, plus keyDetails. */
    static EntryVerifier v2Verifier(JsonNode parent, String field) throws FormatException {
        ObjectNode verifier = Json.requireObject(parent, field);
        String keyDetails = Json.requireText(verifier, "keyDetails");
        Optional<ObjectNode> cert = Json.optionalObject(verifier, "x509Certificate");
        Optional<ObjectNode> key = Json.optionalObject(verifier, "publicKey");
        if (cert.isPresent() == key.isPresent()) {
            throw new FormatException("verifier must hold exactly one of x509Certificate and publicKey");
        }
        VerifierKey material = cert.isPresent()
                ? VerifierKey.certificate(nonEmptyBase64(cert.get(), "rawBytes"))
                : VerifierKey.publicKey(nonEmptyBase64(key.get(), "rawBytes"));
        try {
            return new EntryVerifier(material, keyDetails);
        } catch (IllegalArgumentException e) {
            throw new FormatException("unsupported keyDetails " + keyDetails);
        }
    }

    static ObjectNode v2Verifier(EntryVerifier verifier) {
        ObjectNode out = Json.object();
        out.put("keyDetails", verifier.keyDetails());
        String field = verifier.key().kind() == VerifierKey.Kind.CERTIFICATE ? "x509Certificate" : "publicKey";
        out.putObject(field).put("rawBytes", verifier.key().der().base64());
        return out;
    }

    static byte[] envelope(String kind, String apiVersion, ObjectNode spec) {
        ObjectNode root = Json.object();
        root.put("apiVersion", apiVersion);
        root.put("kind", kind);
        root.set("spec", spec);
        return CanonicalJson.canonicalize(root);
    }

    static String b64Pem(VerifierKey key) {
        return Bytes.utf8(key.toPem()).base64();
    }
}
