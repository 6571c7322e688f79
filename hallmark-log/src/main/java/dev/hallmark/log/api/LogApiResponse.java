package dev.hallmark.log.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a log personality answers to one request, free of any HTTP library type: the server module copies status,
 * content type, headers and body onto its response (STYLE: domain modules expose plain Java APIs, the server adapts
 * them). Header names are kept as given; HTTP treats them case-insensitively, {@link #header} does too.
 *
 * <p>Errors follow Rekor's {@code models.Error}: a JSON object {@code {"code": <int>, "message": "..."}}. Rekor v1 puts
 * the HTTP status in {@code code}; Rekor v2 (grpc-gateway) puts the gRPC status code there, see {@link #grpcError}.
 * Messages are written for clients and never carry internal exception text.
 */
public record LogApiResponse(int status, String contentType, Map<String, String> headers, Bytes body) {
    public static final String JSON = "application/json";
    public static final String PEM = "application/x-pem-file";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String OCTETS = "application/octet-stream";

    public LogApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " out of range");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        // Insertion order is kept so responses are deterministic; the map cannot be changed afterwards.
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** A JSON body written compactly, fields in the order they were put. */
    public static LogApiResponse json(int status, JsonNode body) {
        return new LogApiResponse(status, JSON, Map.of(), Bytes.of(Json.write(body)));
    }

    public static LogApiResponse json(int status, JsonNode body, Map<String, String> headers) {
        return new LogApiResponse(status, JSON, headers, Bytes.of(Json.write(body)));
    }

    public static LogApiResponse text(int status, String contentType, String body, Map<String, String> headers) {
        return new LogApiResponse(status, contentType, headers, Bytes.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Rekor v1 error: {@code {"code": status, "message": message}}. */
    public static LogApiResponse error(int status, String message) {
        return error(status, message, Map.of());
    }

    public static LogApiResponse error(int status, String message, Map<String, String> headers) {
        return grpcError(status, status, message, headers);
    }

    /** An error whose {@code code} differs from the HTTP status (grpc-gateway writes the gRPC code, Rekor v2). */
    public static LogApiResponse grpcError(int status, int code, String message, Map<String, String> headers) {
        ObjectNode node = Json.object();
        node.put("code", code);
        node.put("message", Objects.requireNonNull(message, "message"));
        return json(status, node, headers);
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The body as UTF-8 text (JSON, PEM, checkpoints). */
    public String bodyText() {
        return new String(body.toArray(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LogApiResponse[" + status + " " + contentType + ", " + body.length() + " bytes]";
    }
}
