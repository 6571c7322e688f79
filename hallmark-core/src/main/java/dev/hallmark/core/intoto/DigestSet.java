package dev.hallmark.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.json.Json;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-toto DigestSet ({@code {"sha512":"<hex>","gitCommit":"<hex>"}}, in-toto attestation v1 digest_set.md): names
 * are kept as written because the set is open-ended (sha1, gitCommit, …). Values of the SHA-2 names Hallmark checks are
 * validated as hex of the right length when parsed, so a later comparison cannot be fooled by a malformed value.
 */
public record DigestSet(Map<String, String> values) {
    public DigestSet {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    static DigestSet parse(JsonNode node, String field) throws FormatException {
        ObjectNode object = Json.requireObject(node, field);
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!e.getValue().isTextual() || e.getValue().textValue().isEmpty()) {
                throw new FormatException("digest " + e.getKey() + " must be a non-empty string");
            }
            String value = e.getValue().textValue();
            HashAlgorithm known = knownAlgorithm(e.getKey());
            if (known != null) {
                Bytes decoded = Bytes.fromHex(value);
                if (decoded.length() != known.length()) {
                    throw new FormatException("digest " + e.getKey() + " has the wrong length");
                }
            }
            values.put(e.getKey(), value);
        }
        return new DigestSet(values);
    }

    /** The digest under the algorithm's in-toto name (sha256, sha384, sha512), decoded. */
    public Optional<Digest> get(HashAlgorithm algorithm) {
        String hex = values.get(algorithm.shortName());
        if (hex == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.of(algorithm, Bytes.fromHex(hex)));
        } catch (FormatException e) {
            throw new IllegalStateException("validated when parsed", e);
        }
    }

    /** True when the set holds {@code digest} under its algorithm's name; hex is compared case-insensitively. */
    public boolean contains(Digest digest) {
        String hex = values.get(digest.algorithm().shortName());
        return hex != null && hex.equalsIgnoreCase(digest.hex());
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        values.forEach(out::put);
        return out;
    }

    private static HashAlgorithm knownAlgorithm(String name) {
        for (HashAlgorithm a : HashAlgorithm.values()) {
            if (a.shortName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
