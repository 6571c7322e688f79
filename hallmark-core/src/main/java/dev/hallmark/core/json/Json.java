package dev.hallmark.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The one Jackson configuration hallmark-core uses for untrusted JSON: bundles, Rekor bodies, DSSE envelopes, in-toto
 * statements, TUF metadata. Every parse is bounded in size and depth and rejects what RFC 8259 leaves to the
 * implementation and attackers like to exploit: duplicate keys (RFC 8259 §4 "SHOULD be unique"; two parsers reading
 * different values is a classic signature bypass), trailing data, comments, NaN and Infinity.
 *
 * <p>The field helpers turn a missing or mistyped field into a {@link FormatException}, the only exception a parser may
 * throw, and decode base64 and proto3 JSON int64 values at the edge (STYLE "decode at the edge").
 */
public final class Json {
    /** Nesting beyond this is never legitimate in Sigstore, in-toto or TUF documents. */
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** Parses one complete JSON value of at most {@code maxBytes} bytes (UTF-8). */
    public static JsonNode parse(byte[] json, int maxBytes) throws FormatException {
        if (json == null) {
            throw new FormatException("no JSON input");
        }
        if (json.length > maxBytes) {
            throw new FormatException("JSON input of " + json.length + " bytes exceeds the limit of " + maxBytes);
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new FormatException("empty JSON input");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            // JsonProcessingException covers syntax, duplicates, depth and trailing tokens; anything else is wrapped too.
            throw new FormatException("malformed JSON: " + firstLine(e), e);
        }
    }

    /** Parses a JSON object (the top level of every format we read). */
    public static ObjectNode parseObject(byte[] json, int maxBytes) throws FormatException {
        JsonNode node = parse(json, maxBytes);
        if (!(node instanceof ObjectNode object)) {
            throw new FormatException("expected a JSON object at the top level");
        }
        return object;
    }

    /** Compact JSON (no whitespace, fields in insertion order); for documents we build ourselves. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** Indented JSON, for files people read (trusted_root.json, signing_config.json). */
    public static byte[] writePretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** An RFC 3339 time field (proto3 JSON {@code Timestamp}), such as {@code 2022-12-31T23:59:59.999Z}. */
    public static java.time.Instant requireTime(JsonNode node, String field) throws FormatException {
        String text = requireNonEmptyText(node, field);
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new FormatException("field " + field + " is not an RFC 3339 time");
        }
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static String requireText(JsonNode node, String field) throws FormatException {
        JsonNode value = requireField(node, field);
        if (!value.isTextual()) {
            throw new FormatException("field " + field + " must be a string");
        }
        return value.textValue();
    }

    /** A string field that must be present and non-empty. */
    public static String requireNonEmptyText(JsonNode node, String field) throws FormatException {
        String text = requireText(node, field);
        if (text.isEmpty()) {
            throw new FormatException("field " + field + " must not be empty");
        }
        return text;
    }

    /** A string field that may be absent or null (proto3 JSON omits default values). */
    public static Optional<String> optionalText(JsonNode node, String field) throws FormatException {
        JsonNode value = optionalField(node, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new FormatException("field " + field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    public static ObjectNode requireObject(JsonNode node, String field) throws FormatException {
        JsonNode value = requireField(node, field);
        if (!(value instanceof ObjectNode object)) {
            throw new FormatException("field " + field + " must be an object");
        }
        return object;
    }

    public static Optional<ObjectNode> optionalObject(JsonNode node, String field) throws FormatException {
        JsonNode value = optionalField(node, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            throw new FormatException("field " + field + " must be an object");
        }
        return Optional.of(object);
    }

    public static ArrayNode requireArray(JsonNode node, String field) throws FormatException {
        JsonNode value = requireField(node, field);
        if (!(value instanceof ArrayNode array)) {
            throw new FormatException("field " + field + " must be an array");
        }
        return array;
    }

    /** An array field that may be absent or null, read as empty (proto3 JSON omits empty repeated fields). */
    public static ArrayNode optionalArray(JsonNode node, String field) throws FormatException {
        JsonNode value = optionalField(node, field);
        if (value == null) {
            return array();
        }
        if (!(value instanceof ArrayNode array)) {
            throw new FormatException("field " + field + " must be an array");
        }
        return array;
    }

    /** A base64 string field (proto3 JSON {@code bytes}), decoded. */
    public static Bytes requireBase64(JsonNode node, String field) throws FormatException {
        return decodeBase64(requireText(node, field), field);
    }

    public static Optional<Bytes> optionalBase64(JsonNode node, String field) throws FormatException {
        Optional<String> text = optionalText(node, field);
        return text.isPresent() ? Optional.of(decodeBase64(text.get(), field)) : Optional.empty();
    }

    /** A hex string field, decoded; case-insensitive. */
    public static Bytes requireHex(JsonNode node, String field) throws FormatException {
        try {
            return Bytes.fromHex(requireText(node, field));
        } catch (FormatException e) {
            throw new FormatException("field " + field + " is not valid hex");
        }
    }

    public static boolean requireBoolean(JsonNode node, String field) throws FormatException {
        JsonNode value = requireField(node, field);
        if (!value.isBoolean()) {
            throw new FormatException("field " + field + " must be a boolean");
        }
        return value.booleanValue();
    }

    /**
     * A non-negative int64 in proto3 JSON form: a decimal string such as {@code "953297574"} (what bundles carry) or a
     * plain JSON integer (what the Rekor v1 API sends). Sizes and indices on the wire are unsigned (STYLE), so negatives
     * are rejected, as are fractions, exponents, signs, leading zeros and values beyond 2^63-1.
     */
    public static long requireInt64String(JsonNode node, String field) throws FormatException {
        return int64(requireField(node, field), field);
    }

    public static Optional<Long> optionalInt64String(JsonNode node, String field) throws FormatException {
        JsonNode value = optionalField(node, field);
        return value == null ? Optional.empty() : Optional.of(int64(value, field));
    }

    private static long int64(JsonNode value, String field) throws FormatException {
        BigInteger number;
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (text.length() > 1 && text.charAt(0) == '0')) {
                throw new FormatException("field " + field + " must be a non-negative decimal int64");
            }
            number = new BigInteger(text);
        } else if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else {
            throw new FormatException("field " + field + " must be an int64 string or integer");
        }
        if (number.signum() < 0 || number.bitLength() > 63) {
            throw new FormatException("field " + field + " is out of range for a non-negative int64");
        }
        return number.longValueExact();
    }

    private static Bytes decodeBase64(String text, String field) throws FormatException {
        try {
            return Bytes.fromBase64(text);
        } catch (FormatException e) {
            throw new FormatException("field " + field + " is not valid base64");
        }
    }

    private static JsonNode requireField(JsonNode node, String field) throws FormatException {
        JsonNode value = optionalField(node, field);
        if (value == null) {
            throw new FormatException("missing field " + field);
        }
        return value;
    }

    /** The field's value, or null when the field is absent or JSON null. */
    private static JsonNode optionalField(JsonNode node, String field) throws FormatException {
        if (!(node instanceof ObjectNode)) {
            throw new FormatException("expected an object holding field " + field);
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
