package dev.hallmark.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The semantic rules of {@code hallmark.yaml}; each broken rule is one problem, keyed by its YAML path. */
final class ConfigValidator {
    private static final long MAX_BODY = 1024L * 1024 * 1024;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private ConfigValidator() {
    }

    static List<String> validate(HallmarkConfig c) {
        List<String> problems = new ArrayList<>();
        String host = c.server().host();
        if (host.isEmpty() || !host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            problems.add("server.host must be a host name or IP address");
        }
        if (c.server().port() < 0 || c.server().port() > 65535) {
            problems.add("server.port must be 0..65535 (0 picks a free port)");
        }
        httpUrl(c.server().publicUrl(), "server.publicUrl", problems);
        if (c.witnesses().timeoutMillis() < 100 || c.witnesses().timeoutMillis() > 120_000) {
            problems.add("witnesses.timeoutMillis must be 100..120000");
        }
        httpUrl(c.registry().baseUrl(), "registry.baseUrl", problems);
        httpUrl(c.ca().baseUrl(), "ca.baseUrl", problems);
        httpUrl(c.ct().baseUrl(), "ct.baseUrl", problems);
        httpUrl(c.log().baseUrl(), "log.baseUrl", problems);
        httpUrl(c.tsa().baseUrl(), "tsa.baseUrl", problems);
        httpUrl(c.tuf().baseUrl(), "tuf.baseUrl", problems);
        String db = c.storage().databaseUrl();
        if (!(db.startsWith(StorageConfig.SQLITE) && db.length() > StorageConfig.SQLITE.length())
                && !(db.startsWith(StorageConfig.POSTGRESQL) && db.length() > StorageConfig.POSTGRESQL.length())) {
            problems.add("storage.databaseUrl must be a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        LimitsConfig l = c.limits();
        if (l.maxRequestBodyBytes() < 1 || l.maxRequestBodyBytes() > MAX_BODY) {
            problems.add("limits.maxRequestBodyBytes must be 1.." + MAX_BODY);
        }
        if (l.maxRequestHeaderBytes() < 1024 || l.maxRequestHeaderBytes() > 1024 * 1024) {
            problems.add("limits.maxRequestHeaderBytes must be 1024..1048576");
        }
        if (l.maxConcurrentRequests() < 1 || l.maxConcurrentRequests() > 100_000) {
            problems.add("limits.maxConcurrentRequests must be 1..100000");
        }
        Set<String> issuerUrls = new HashSet<>();
        for (int i = 0; i < c.oidc().issuers().size(); i++) {
            OidcIssuerConfig issuer = c.oidc().issuers().get(i);
            String where = "oidc.issuers[" + i + "]";
            Optional<URI> url = httpUrl(Optional.of(issuer.url()), where + ".url", problems);
            // Tokens are only as trustworthy as the channel their keys come over: https, except for a local test issuer.
            if (url.isPresent() && url.get().getScheme().equals("http") && !LOOPBACK.contains(url.get().getHost())) {
                problems.add(where + ".url must use https (http only for a loopback issuer)");
            }
            if (!issuerUrls.add(issuer.url())) {
                problems.add(where + ".url is listed twice");
            }
            if (issuer.audience().isBlank()) {
                problems.add(where + ".audience must not be empty");
            }
        }
        return problems;
    }

    /** Checks an absolute http(s) URL with a host and nothing after the path; returns it when valid. */
    private static Optional<URI> httpUrl(Optional<String> value, String where, List<String> problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null && scheme.equals(uri.getScheme())) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(where + " must be an absolute http(s) URL without query, fragment or user info");
        return Optional.empty();
    }
}
