package dev.hallmark.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The small JSON values kept in single columns: token CIDR lists and {@code dist.signatures}. */
final class StoredJson {
    private static final int MAX_BYTES = 1024 * 1024;

    private StoredJson() {
    }

    static String writeStrings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return text(array);
    }

    static List<String> readStrings(String text) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : parse(text)) {
            out.add(n.asText());
        }
        return out;
    }

    static String writeSignatures(List<DistSignature> signatures) {
        ArrayNode array = Json.array();
        signatures.forEach(s -> array.addObject().put("keyid", s.keyid()).put("sig", s.sig()));
        return text(array);
    }

    /** Versions stored before signing existed have none (NULL). */
    static List<DistSignature> readSignatures(String text) {
        List<DistSignature> out = new ArrayList<>();
        if (text != null) {
            for (JsonNode n : parse(text)) {
                out.add(new DistSignature(n.path("keyid").asText(), n.path("sig").asText()));
            }
        }
        return out;
    }

    private static String text(ArrayNode array) {
        return new String(Json.write(array), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8), MAX_BYTES);
        } catch (FormatException e) {
            throw new IllegalStateException("a stored JSON column is not JSON", e);
        }
    }
}
