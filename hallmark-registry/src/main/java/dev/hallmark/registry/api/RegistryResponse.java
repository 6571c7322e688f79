package dev.hallmark.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the registry answers to one request, free of HTTP library types (the server copies it onto its response).
 * Errors are npm's shape, {@code {"error": "..."}} (npm.md §1), with messages written for the npm user.
 *
 * @param contentType empty string for a body-less response (304, 204)
 */
public record RegistryResponse(int status, String contentType, Map<String, String> headers, Bytes body) {
    public static final String JSON = "application/json";
    public static final String ABBREVIATED = "application/vnd.npm.install-v1+json";
    public static final String OCTETS = "application/octet-stream";

    public RegistryResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }

    public static RegistryResponse json(int status, JsonNode node) {
        return new RegistryResponse(status, JSON, Map.of(), Bytes.of(Json.write(node)));
    }

    public static RegistryResponse error(int status, String message) {
        ObjectNode node = Json.object();
        node.put("error", message);
        return json(status, node);
    }

    public static RegistryResponse ok() {
        ObjectNode node = Json.object();
        node.put("ok", true);
        return json(200, node);
    }

    public RegistryResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new RegistryResponse(status, contentType, more, body);
    }
}
