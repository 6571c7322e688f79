package dev.hallmark.server;

import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import java.nio.charset.StandardCharsets;

/** {@code /healthz} and {@code /metrics}, which every deployment has whatever services it runs. */
final class SystemRoutes {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private SystemRoutes() {
    }

    static RouteGroup group(HttpMetrics metrics) {
        return RouteGroup.builder("system", "/")
                // Routes are installed only once every service is wired, so answering at all means "started".
                .get("/healthz", request -> Response.json(200, OK).withHeader("cache-control", "no-store"))
                .get("/metrics", request -> metrics.scrape())
                .build();
    }
}
