package dev.hallmark.bench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;

/**
 * hallmark-core's hardened JSON parser ({@link Json#parse}): a value or a {@code FormatException}. What it accepts
 * must write to JSON it accepts again, and that written form must be stable (writing the re-parsed tree gives the same
 * bytes), so documents the registry and the log store and re-serve do not drift. Numbers may change form on the first
 * write ({@code 0e1000000} is written {@code 0}), as JSON allows. The field helpers are exercised on whatever comes out.
 */
public final class JsonFuzz {
    /** Field names the helpers are asked for, chosen by the input's last byte; they match the seeds' fields. */
    private static final String[] FIELDS = {"mediaType", "n", "big", "list", "time", "b64", "hex", "int64", "a", ""};

    private JsonFuzz() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String field = FIELDS[data.consumeInt(0, FIELDS.length - 1)];
        byte[] input = data.consumeRemainingAsBytes();
        JsonNode node;
        try {
            node = Json.parse(input, 64 * 1024);
        } catch (FormatException e) {
            return;
        }
        byte[] written = Json.write(node);
        byte[] rewritten;
        try {
            rewritten = Json.write(Json.parse(written, 256 * 1024));
        } catch (FormatException e) {
            throw new IllegalStateException("Json.write produced what Json.parse refuses: " + e.getMessage(), e);
        }
        if (!java.util.Arrays.equals(written, rewritten)) {
            throw new IllegalStateException("writing the document is not stable: " + new String(written,
                    java.nio.charset.StandardCharsets.UTF_8) + " became " + new String(rewritten,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        fields(node, field);
    }

    private static void fields(JsonNode node, String field) {
        try {
            Json.optionalText(node, field);
            Json.optionalObject(node, field);
            Json.optionalArray(node, field);
            Json.optionalBase64(node, field);
            Json.optionalInt64String(node, field);
        } catch (FormatException e) {
            // typed refusal
        }
        try {
            Json.requireHex(node, field);
        } catch (FormatException e) {
            // typed refusal
        }
        try {
            Json.requireBoolean(node, field);
        } catch (FormatException e) {
            // typed refusal
        }
        try {
            Json.requireTime(node, field);
        } catch (FormatException e) {
            // typed refusal
        }
    }
}
