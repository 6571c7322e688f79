package dev.hallmark.ca.oidc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;

/**
 * The one JSON reader of this package: strict (duplicate names refused, so two parsers can never see different
 * claims in the same token), shallow (nesting depth 32) and used only on inputs whose size was already bounded.
 */
final class OidcJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(64).build());
    }

    private OidcJson() {
    }

    /** Parses one JSON object. */
    static ObjectNode readObject(byte[] json) throws FormatException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (java.io.IOException | RuntimeException e) {
            throw new FormatException("not valid JSON: " + e.getClass().getSimpleName());
        }
        if (node == null || !node.isObject()) {
            throw new FormatException("not a JSON object");
        }
        return (ObjectNode) node;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
