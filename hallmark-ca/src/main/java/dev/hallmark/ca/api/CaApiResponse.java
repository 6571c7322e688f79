package dev.hallmark.ca.api;

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
 * What a CA or TSA endpoint answers to one request, free of any HTTP library type: the server module copies status,
 * content type, headers and body onto its response (STYLE: domain modules expose plain Java APIs, the server adapts
 * them).
 *
 * <p>Fulcio is a gRPC service behind grpc-gateway (sigstore.md §1.1), so its errors are
 * {@code {"code":<gRPC code>,"message":"…","details":[]}} with the gRPC code mapped to an HTTP status. Messages are
 * written for clients and never carry internal exception text.
 */
public record CaApiResponse(int status, String contentType, Map<String, String> headers, Bytes body) {
    public static final String JSON = "application/json";
    public static final String PEM = "application/pem-certificate-chain";
    public static final String TIMESTAMP_REPLY = "application/timestamp-reply";

    /** gRPC status codes grpc-gateway writes in {@code code} (google.rpc.Code). */
    public static final int GRPC_INVALID_ARGUMENT = 3;
    public static final int GRPC_RESOURCE_EXHAUSTED = 8;
    public static final int GRPC_INTERNAL = 13;
    /** The {@code @type} of a google.rpc.ErrorInfo detail, and the domain naming the service that set its reason. */
    public static final String ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
    public static final String ERROR_DOMAIN = "ca.hallmark.dev";

    public CaApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " out of range");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }

    /** A JSON body written compactly, fields in the order they were put. */
    public static CaApiResponse json(int status, JsonNode body) {
        return new CaApiResponse(status, JSON, Map.of(), Bytes.of(Json.write(body)));
    }

    public static CaApiResponse bytes(int status, String contentType, Bytes body) {
        return new CaApiResponse(status, contentType, Map.of(), body);
    }

    public static CaApiResponse text(int status, String contentType, String body) {
        return new CaApiResponse(status, contentType, Map.of(), Bytes.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A grpc-gateway error body: {@code {"code":grpcCode,"message":message,"details":[]}}. */
    public static CaApiResponse grpcError(int status, int grpcCode, String message) {
        ObjectNode node = Json.object();
        node.put("code", grpcCode);
        node.put("message", Objects.requireNonNull(message, "message"));
        node.set("details", Json.array());
        return json(status, node);
    }

    /**
     * A grpc-gateway error body whose {@code details} carry one {@code google.rpc.ErrorInfo} (google/rpc/error_details
     * .proto): {@code reason} is a stable UPPER_SNAKE_CASE code and {@code metadata} refines it, so a client or a test
     * can tell refusals apart without parsing {@code message}. Clients that read only {@code message} see no change.
     */
    public static CaApiResponse grpcError(int status, int grpcCode, String message, String reason, Map<String, String> metadata) {
        ObjectNode info = Json.object();
        info.put("@type", ERROR_INFO_TYPE);
        info.put("reason", Objects.requireNonNull(reason, "reason"));
        info.put("domain", ERROR_DOMAIN);
        ObjectNode meta = info.putObject("metadata");
        metadata.forEach(meta::put);
        ObjectNode node = Json.object();
        node.put("code", grpcCode);
        node.put("message", Objects.requireNonNull(message, "message"));
        node.set("details", Json.array().add(info));
        return json(status, node);
    }

    /** A go-openapi error body ({@code {"code":status,"message":message}}), as sigstore/timestamp-authority writes. */
    public static CaApiResponse error(int status, String message) {
        ObjectNode node = Json.object();
        node.put("code", status);
        node.put("message", Objects.requireNonNull(message, "message"));
        return json(status, node);
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The body as UTF-8 text (JSON, PEM). */
    public String bodyText() {
        return new String(body.toArray(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CaApiResponse[" + status + " " + contentType + ", " + body.length() + " bytes]";
    }
}
