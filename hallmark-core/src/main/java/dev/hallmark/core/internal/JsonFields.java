package dev.hallmark.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Strict field access for the codecs, on top of the hardened {@link Json} parser. */
public final class JsonFields {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {
    }

    public static JsonNode parse(byte[] json, int maxBytes) throws FormatException {
        JsonNode node = Json.parse(json, maxBytes);
        if (!node.isObject()) {
            throw new FormatException("expected a JSON object");
        }
        return node;
    }

    public static String text(JsonNode node, String field) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new FormatException("missing or empty string field " + field);
        }
        return value.textValue();
    }

    public static Optional<String> optionalText(JsonNode node, String field) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new FormatException("field " + field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    public static JsonNode object(JsonNode node, String field, String where) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new FormatException(where + " lacks object " + field);
        }
        return value;
    }

    public static List<JsonNode> optionalArray(JsonNode node, String field) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new FormatException("field " + field + " must be an array");
        }
        return value.valueStream().toList();
    }

    public static Bytes base64(JsonNode node, String field) throws FormatException {
        return Bytes.fromBase64(text(node, field));
    }

    public static Instant time(JsonNode node, String field) throws FormatException {
        String text = text(node, field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new FormatException("field " + field + " is not an RFC 3339 time");
        }
    }

    /**
     * A proto3 JSON int64: a decimal string (or, leniently, a JSON integer) that must be non-negative, since sizes and
     * indices on the wire are unsigned (STYLE: reject negatives when parsing). Absent means 0, as in proto3.
     */
    public static long uint64(JsonNode node, String field) throws FormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isIntegralNumber()) {
            text = value.bigIntegerValue().toString();
        } else {
            throw new FormatException("field " + field + " must be an integer");
        }
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new FormatException("field " + field + " must be a non-negative 64-bit integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FormatException("field " + field + " is out of range");
        }
    }

    public static byte[] pretty(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
