package dev.hallmark.server.http;

import java.util.Locale;
import java.util.Objects;

/** One method and path pattern, and the route that answers it. */
public record Endpoint(String method, PathPattern pattern, Route route) {
    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(route, "route");
        if (!method.equals(method.toUpperCase(Locale.ROOT)) || method.isBlank()) {
            throw new IllegalArgumentException("method must be upper case: " + method);
        }
    }
}
