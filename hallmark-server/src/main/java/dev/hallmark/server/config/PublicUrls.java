package dev.hallmark.server.config;

import java.net.URI;
import java.util.Objects;

/**
 * The effective public base URL of the server and of each service, without trailing slashes (so
 * {@code log + "/api/v1/log"} is a valid URL). Clients and trust material use these; nothing here is read from a
 * request, so a client cannot make the server name another host.
 */
public record PublicUrls(URI server, URI registry, URI ca, URI ct, URI log, URI tsa, URI tuf) {
    public PublicUrls {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(tsa, "tsa");
        Objects.requireNonNull(tuf, "tuf");
    }

    static PublicUrls derive(HallmarkConfig config, int boundPort) {
        String base = trim(config.server().publicUrl().orElseGet(() -> "http://" + urlHost(config.server().host()) + ":" + boundPort));
        return new PublicUrls(URI.create(base),
                url(config.registry(), base, ""),
                url(config.ca(), base, "/ca"),
                url(config.ct(), base, "/ct"),
                url(config.log(), base, "/log"),
                url(config.tsa(), base, "/tsa"),
                url(config.tuf(), base, "/tuf"));
    }

    private static URI url(ServiceConfig service, String base, String prefix) {
        return URI.create(trim(service.baseUrl().orElse(base + prefix)));
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A listen address as a URL host: IPv6 literals in brackets; the wildcard address becomes {@code localhost}. */
    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
