package dev.hallmark.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The endpoints of one service under one path prefix ({@code /log}, {@code /ca}, ...; DESIGN.md "Paths under the
 * public URL"). The group name labels metrics. Patterns are relative to the prefix, so a service can be mounted
 * elsewhere without changing its adapter.
 */
public record RouteGroup(String name, String prefix, List<Endpoint> endpoints) {
    public RouteGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("group name must be a metrics label value like 'log': " + name);
        }
        if (!prefix.equals("/") && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("prefix must be / or /name without a trailing slash: " + prefix);
        }
        endpoints = List.copyOf(endpoints);
    }

    public static Builder builder(String name, String prefix) {
        return new Builder(name, prefix);
    }

    /** Collects endpoints: {@code RouteGroup.builder("log", "/log").get("/checkpoint", r -> ...).build()}. */
    public static final class Builder {
        private final String name;
        private final String prefix;
        private final List<Endpoint> endpoints = new ArrayList<>();

        private Builder(String name, String prefix) {
            this.name = name;
            this.prefix = prefix;
        }

        public Builder get(String pattern, Route route) {
            return add("GET", pattern, route);
        }

        public Builder post(String pattern, Route route) {
            return add("POST", pattern, route);
        }

        public Builder put(String pattern, Route route) {
            return add("PUT", pattern, route);
        }

        public Builder delete(String pattern, Route route) {
            return add("DELETE", pattern, route);
        }

        public Builder add(String method, String pattern, Route route) {
            endpoints.add(new Endpoint(method, PathPattern.parse(pattern), route));
            return this;
        }

        public RouteGroup build() {
            return new RouteGroup(name, prefix, endpoints);
        }
    }
}
