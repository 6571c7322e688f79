package dev.hallmark.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.FormatException;

/** TEMPORARY placeholder until the json package lands from its branch. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(byte[] json, int maxBytes) throws FormatException {
        if (json.length > maxBytes) {
            throw new FormatException("too large");
        }
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new FormatException("malformed JSON");
        }
    }
}
