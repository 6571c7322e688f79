package dev.hallmark.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A token's CIDR allow-list as stored: a JSON array of strings in one column. */
final class TokenCidr {
    private TokenCidr() {
    }

    static String write(List<String> cidr) {
        ArrayNode array = Json.array();
        cidr.forEach(array::add);
        return new String(Json.write(array), StandardCharsets.UTF_8);
    }

    static List<String> read(String text) {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode n : Json.parse(text.getBytes(StandardCharsets.UTF_8), 64 * 1024)) {
                out.add(n.asText());
            }
            return out;
        } catch (FormatException e) {
            throw new IllegalStateException("stored token CIDR list is not JSON", e);
        }
    }
}
