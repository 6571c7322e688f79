package dev.hallmark.server.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the endpoint for a method and path across all route groups. Specific patterns win over general ones
 * (literal before {@code {param}} before {@code {rest...}}), so the registry's catch-all under {@code /} never
 * shadows {@code /healthz} or another group's paths.
 */
public final class Router {
    /** What a lookup found. */
    public sealed interface Match permits Found, MethodNotAllowed, NotFound {
    }

    public record Found(String group, Endpoint endpoint, Map<String, String> pathParams) implements Match {
    }

    public record MethodNotAllowed(String group, Set<String> allowed) implements Match {
    }

    public record NotFound() implements Match {
    }

    private record Mounted(String group, Endpoint endpoint, PathPattern fullPattern) {
    }

    private final List<Mounted> mounted;

    public Router(List<RouteGroup> groups) {
        Set<String> names = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        List<Mounted> all = new ArrayList<>();
        for (RouteGroup group : groups) {
            if (!names.add(group.name())) {
                throw new IllegalArgumentException("two route groups named " + group.name());
            }
            for (Endpoint e : group.endpoints()) {
                PathPattern full = e.pattern().under(group.prefix());
                if (!endpoints.add(e.method() + " " + full.text())) {
                    throw new IllegalArgumentException("endpoint registered twice: " + e.method() + " " + full.text());
                }
                all.add(new Mounted(group.name(), e, full));
            }
        }
        all.sort(Comparator.comparing(Mounted::fullPattern));
        this.mounted = List.copyOf(all);
    }

    public Match find(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        String allowedGroup = null;
        PathPattern best = null; // Allow lists the methods of the most specific pattern that matched, not the catch-alls
        for (Mounted m : mounted) {
            Optional<Map<String, String>> params = m.fullPattern().match(path);
            if (params.isEmpty()) {
                continue;
            }
            if (m.endpoint().method().equals(method)) {
                return new Found(m.group(), m.endpoint(), params.get());
            }
            if (best == null) {
                best = m.fullPattern();
                allowedGroup = m.group();
            }
            if (m.fullPattern().text().equals(best.text())) {
                allowed.add(m.endpoint().method());
            }
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowedGroup, allowed);
    }
}
