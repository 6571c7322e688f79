package dev.hallmark.server.http;

import dev.hallmark.core.crypto.Bytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as route handlers see it: no Jetty types, so domain adapters can be written and tested without a
 * server. The body is already read and bounded by the configured limit; header names are lower-cased (RFC 9110 §5.1:
 * field names are case-insensitive).
 *
 * @param path the path as sent, still percent-encoded (so {@code /@scope%2fname} stays one segment), with
 *     {@code .} and {@code ..} segments resolved, without the query string, always starting with {@code /}
 * @param pathParams decoded values of the {@code {name}} segments of the endpoint pattern that matched
 * @param remoteAddress the peer's IP address as text (for token CIDR allow-lists); empty when unknown
 */
public record Request(
        String method,
        String path,
        Map<String, List<String>> queryParams,
        Map<String, List<String>> headers,
        Bytes body,
        Map<String, String> pathParams,
        String remoteAddress) {
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        queryParams = copy(queryParams, false);
        headers = copy(headers, true);
        pathParams = Map.copyOf(pathParams);
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /** A request without path parameters (the router adds them when an endpoint matches). */
    public static Request of(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
            Bytes body) {
        return new Request(method, path, query, headers, body, Map.of(), "");
    }

    public Request withRemoteAddress(String address) {
        return new Request(method, path, queryParams, headers, body, pathParams, address);
    }

    public Request withPathParams(Map<String, String> params) {
        return new Request(method, path, queryParams, headers, body, params, remoteAddress);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A path parameter the matched pattern declares; absent only if the pattern has no such name (a bug). */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter " + name);
        }
        return value;
    }

    /** Never prints headers or body: they may carry tokens. */
    @Override
    public String toString() {
        return "Request[" + method + " " + path + "]";
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> in, boolean lowerCase) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.merge(lowerCase ? k.toLowerCase(Locale.ROOT) : k, List.copyOf(v), (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        return java.util.Collections.unmodifiableMap(out);
    }
}
