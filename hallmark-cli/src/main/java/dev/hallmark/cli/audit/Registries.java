package dev.hallmark.cli.audit;

import dev.hallmark.core.FormatException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which registry answers for a package, the way npm picks it: a per-scope {@code @scope:registry=} line in
 * {@code .npmrc} first, then {@code --registry}, then a plain {@code registry=} line, and last the origin of the
 * tarball URL the lockfile recorded. Only http(s) URLs are accepted; all are normalised to end in one slash.
 */
public record Registries(Map<String, URI> scopes, Optional<URI> explicit, Optional<URI> npmrcDefault) {
    public static final int MAX_NPMRC_BYTES = 256 * 1024;

    public Registries {
        scopes = Map.copyOf(scopes);
    }

    /** Reads the registry lines of an {@code .npmrc}; other settings (auth, proxies, …) are ignored. */
    public static Registries parse(byte[] npmrc, Optional<URI> explicit) throws FormatException {
        Map<String, URI> scopes = new HashMap<>();
        Optional<URI> fallback = Optional.empty();
        for (String raw : new String(npmrc, StandardCharsets.UTF_8).split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("registry")) {
                fallback = Optional.of(url(value));
            } else if (key.startsWith("@") && key.endsWith(":registry")) {
                scopes.put(key.substring(0, key.length() - ":registry".length()).toLowerCase(Locale.ROOT), url(value));
            }
        }
        return new Registries(scopes, explicit, fallback);
    }

    public static Registries none(Optional<URI> explicit) {
        return new Registries(Map.of(), explicit, Optional.empty());
    }

    public URI registryFor(Lockfile.LockedPackage pkg) {
        if (pkg.name().startsWith("@")) {
            URI scoped = scopes.get(pkg.name().substring(0, pkg.name().indexOf('/')).toLowerCase(Locale.ROOT));
            if (scoped != null) {
                return scoped;
            }
        }
        return explicit.or(() -> npmrcDefault).orElseGet(() -> URI.create(pkg.resolved().getScheme() + "://"
                + pkg.resolved().getRawAuthority() + "/"));
    }

    /** An http(s) registry URL, with exactly one trailing slash so that paths resolve below it. */
    public static URI url(String value) throws FormatException {
        try {
            URI uri = new URI(value.replaceAll("/+$", "") + "/");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new FormatException("registry URL " + value + " is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FormatException("registry URL " + value + " is not a URL");
        }
    }
}
