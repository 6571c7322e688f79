package dev.hallmark.ca.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides whether a token's {@code iss} names one configured issuer. Matching is exact string equality, as Fulcio
 * does (sigstore.md §1.1, "the issuer is on the allow-list"): no prefix, suffix, case or trailing-slash folding, so
 * {@code https://a.example} never admits {@code https://a.example.evil} or {@code http://x/https://a.example}.
 *
 * <p>A wildcard pattern (Fulcio's meta issuers, for GHES-like multi-tenant issuers) is anchored at both ends and each
 * {@code *} stands for exactly one label: one or more of {@code [A-Za-z0-9_-]}, never a dot or a slash, so
 * {@code https://*.ghe.example/t} matches {@code https://acme.ghe.example/t} but not {@code https://a.b.ghe.example/t}.
 */
final class IssuerPattern {
    private static final String LABEL = "[A-Za-z0-9_-]{1,63}";

    private final IssuerConfig config;
    private final String exact;
    private final Pattern wildcard;

    IssuerPattern(IssuerConfig config) {
        this.config = Objects.requireNonNull(config);
        if (config.url().isPresent()) {
            this.exact = config.url().get();
            this.wildcard = null;
            checkTransport(exact);
        } else {
            String pattern = config.wildcardUrl().orElseThrow();
            this.exact = null;
            this.wildcard = compile(pattern);
            // the scheme and every fixed part must already satisfy the transport rule; '*' stands in as a label
            checkTransport(pattern.replace("*", "tenant"));
        }
    }

    IssuerConfig config() {
        return config;
    }

    boolean matches(String iss) {
        return exact != null ? exact.equals(iss) : wildcard.matcher(iss).matches();
    }

    private static Pattern compile(String pattern) {
        int schemeEnd = pattern.indexOf("://");
        if (schemeEnd < 0 || pattern.substring(0, schemeEnd).contains("*")) {
            throw new IllegalArgumentException("wildcard issuer needs a fixed scheme: " + pattern);
        }
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', from)) {
            regex.append(Pattern.quote(pattern.substring(from, star))).append(LABEL);
            from = star + 1;
        }
        if (from == 0) {
            throw new IllegalArgumentException("wildcard issuer without '*': " + pattern);
        }
        regex.append(Pattern.quote(pattern.substring(from)));
        return Pattern.compile(regex.toString());
    }

    /**
     * Issuers are reached over https only; plain http is allowed for loopback issuers (tests and {@code --dev}).
     *
     * @throws IllegalArgumentException for a configuration that breaks the rule
     */
    static void checkTransport(String issuer) {
        if (!isAllowedTransport(issuer)) {
            throw new IllegalArgumentException("issuer must be an https URL (or http on loopback): " + issuer);
        }
    }

    static boolean isAllowedTransport(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()));
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]") || h.equals("::1");
    }
}
