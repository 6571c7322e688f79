package dev.hallmark.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry packages a {@code package-lock.json} (lockfileVersion 2 or 3) installs: its {@code packages} map, one
 * entry per {@code node_modules/…} path. The root project ({@code ""}), workspace links ({@code link: true}) and
 * entries that did not come from a registry tarball (git, file, bundled) are not audited, as npm does.
 */
public record Lockfile(List<LockedPackage> packages) {
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    public static final int MAX_PACKAGES = 200_000;
    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][\\w.-]*/)?[a-z0-9_.-][\\w.~-]*", Pattern.CASE_INSENSITIVE);
    private static final String NODE_MODULES = "node_modules/";

    public Lockfile {
        packages = List.copyOf(packages);
    }

    /** One installed package version; {@code resolved} is the tarball URL the lockfile recorded. */
    public record LockedPackage(String name, String version, URI resolved, String integrity) {
        public LockedPackage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(resolved, "resolved");
            Objects.requireNonNull(integrity, "integrity");
        }

        public String spec() {
            return name + "@" + version;
        }
    }

    public static Lockfile parse(byte[] json) throws FormatException {
        JsonNode root = Json.parseObject(json, MAX_BYTES);
        JsonNode version = root.get("lockfileVersion");
        if (version == null || !version.isInt()) {
            throw new FormatException("lockfileVersion is missing");
        }
        if (version.intValue() < 2) {
            throw new FormatException("lockfileVersion " + version.intValue() + " is not supported (run npm install with npm 7 or later)");
        }
        JsonNode entries = Json.requireObject(root, "packages");
        if (entries.size() > MAX_PACKAGES) {
            throw new FormatException("more than " + MAX_PACKAGES + " packages");
        }
        // The same name@version can be installed at several paths; it is audited once.
        Map<String, LockedPackage> unique = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<LockedPackage> p = entry(e.getKey(), e.getValue());
            p.ifPresent(pkg -> unique.putIfAbsent(pkg.spec(), pkg));
        }
        return new Lockfile(new ArrayList<>(unique.values()));
    }

    private static Optional<LockedPackage> entry(String path, JsonNode node) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException("packages[\"" + path + "\"] is not an object");
        }
        int at = path.lastIndexOf(NODE_MODULES);
        if (path.isEmpty() || at < 0 || node.path("link").asBoolean(false)) {
            return Optional.empty();
        }
        // An alias (npm:real@1) records the real name in "name"; the registry knows only that one.
        String name = Json.optionalText(node, "name").orElse(path.substring(at + NODE_MODULES.length()));
        if (!NAME.matcher(name).matches() || name.length() > 214) {
            throw new FormatException("packages[\"" + path + "\"] has an invalid package name");
        }
        Optional<String> version = Json.optionalText(node, "version");
        Optional<String> resolved = Json.optionalText(node, "resolved");
        Optional<String> integrity = Json.optionalText(node, "integrity");
        if (version.isEmpty() || resolved.isEmpty() || integrity.isEmpty() || node.path("inBundle").asBoolean(false)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(resolved.get());
        } catch (java.net.URISyntaxException e) {
            throw new FormatException("packages[\"" + path + "\"].resolved is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.empty(); // git+ssh:, file:, … are not registry packages
        }
        return Optional.of(new LockedPackage(name, version.get(), uri, integrity.get()));
    }
}
