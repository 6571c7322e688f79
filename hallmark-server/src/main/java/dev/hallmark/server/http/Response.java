package dev.hallmark.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP response as route handlers build it: status, extra headers, content type and a complete body. Domain
 * modules return these values; the host writes them and adds Content-Length.
 *
 * @param headers extra headers by lower-cased name (Content-Type and Content-Length are set from the other fields)
 * @param contentType the media type of the body, empty for a response without a body
 */
public record Response(int status, Map<String, List<String>> headers, Optional<String> contentType, Bytes body) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        if (copy.containsKey("content-type") || copy.containsKey("content-length")) {
            throw new IllegalArgumentException("content-type and content-length come from the record's fields");
        }
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public static Response of(int status, String contentType, Bytes body) {
        return new Response(status, Map.of(), Optional.of(contentType), body);
    }

    /**
     * A domain module's own response value (log, CA: status, content type, single-valued headers, body) as an HTTP
     * response; the one adapter every service's routes use.
     */
    public static Response from(int status, String contentType, Map<String, String> headers, Bytes body) {
        Map<String, List<String>> multi = new java.util.LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new Response(status, multi, Optional.ofNullable(contentType), body);
    }

    /** A JSON body already serialized by the domain module (which owns its wire format). */
    public static Response json(int status, byte[] json) {
        return of(status, JSON, Bytes.of(json));
    }

    public static Response text(int status, String text) {
        return of(status, TEXT, Bytes.utf8(text));
    }

    public static Response empty(int status) {
        return new Response(status, Map.of(), Optional.empty(), Bytes.EMPTY);
    }

    /** The one error shape every Hallmark endpoint answers: {@code {"error": "..."}}. */
    public static Response error(int status, String message) {
        try {
            return json(status, MAPPER.writeValueAsBytes(Map.of("error", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This response with one more header (replacing any earlier value of the same name). */
    public Response withHeader(String name, String value) {
        Map<String, List<String>> more = new LinkedHashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), List.of(value));
        return new Response(status, more, contentType, body);
    }

    public String bodyText() {
        return new String(body.toArray(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + body.length() + " bytes]";
    }
}
