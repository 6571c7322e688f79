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
        return validate(c, java.util.stream.IntStream.range(0, c.oidc().issuers().size()).boxed().toList());
    }

    /**
     * @param issuerIndexes each issuer's position in the file's {@code oidc.issuers}, which differs from its position
     *     in the record when the reader had to leave out an unreadable one; problems name the file's position
     */
    static List<String> validate(HallmarkConfig c, List<Integer> issuerIndexes) {
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
        RegistryConfig r = c.registryPolicy();
        if (r.maxTarballBytes() < 1 || r.maxTarballBytes() / 3 * 4 + 65_536 > l.maxRequestBodyBytes()) {
            problems.add("registry.maxTarballBytes must be at least 1 and, base64-encoded plus 64 KiB of metadata,"
                    + " fit limits.maxRequestBodyBytes");
        }
        if (r.unpublishWindowHours() < 0 || r.unpublishWindowHours() > 24 * 365) {
            problems.add("registry.unpublishWindowHours must be 0..8760");
        }
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
            String at = "oidc.issuers[" + issuerIndexes.get(i) + "]";
            String where = at + "." + issuer.url().key();
            issuerUrl(issuer.url(), where, problems);
            if (!issuerUrls.add(issuer.url().text())) {
                problems.add(where + " is listed twice");
            }
            if (issuer.audience().isBlank()) {
                problems.add(at + ".audience must not be empty");
            }
        }
        return problems;
    }

    /**
     * An issuer URL is https (http only on loopback: tests and {@code --dev}), since tokens are only as trustworthy as
     * the channel their keys come over. A wildcard must have a {@code *} and none in the scheme; with each {@code *}
     * standing for a label, it must pass the same rule (the CA's IssuerPattern applies it again at start-up).
     */
    private static void issuerUrl(OidcIssuerConfig.IssuerUrl url, String where, List<String> problems) {
        String text = url.text();
        if (url instanceof OidcIssuerConfig.IssuerUrl.Wildcard) {
            int scheme = text.indexOf("://");
            if (!text.contains("*") || scheme < 0 || text.substring(0, scheme).contains("*")) {
                problems.add(where + " must contain '*' (outside the scheme), e.g. https://*.ghe.example/_services/token");
                return;
            }
            text = text.replace("*", "tenant");
        }
        Optional<URI> uri = httpUrl(Optional.of(text), where, problems);
        if (uri.isPresent() && uri.get().getScheme().equals("http") && !LOOPBACK.contains(uri.get().getHost())) {
            problems.add(where + " must use https (http only for a loopback issuer)");
        }
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
