package dev.hallmark.cli.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.pack.PackException.Reason;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What npm reads from {@code package.json} to decide what to pack, after the normalisation npm applies before packing
 * (@npmcli/package-json's {@code normalize} steps): {@code bin} as a map of clean relative paths (a string becomes
 * {@code {name: path}}, {@code directories.bin} is expanded when there is no {@code bin}), {@code
 * bundledDependencies} read as {@code bundleDependencies}. {@code main} and {@code browser} are used as written.
 *
 * <p>Values npm would crash on or silently mangle (a {@code files} string, a non-string {@code main}) are refused.
 */
public record PackageManifest(ObjectNode json, String name, String version, Optional<List<String>> files,
                              Optional<String> main, Optional<String> browser, List<String> binTargets) {
    /** Larger than any real package.json, small enough to hold in memory. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    public PackageManifest {
        json = json.deepCopy();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        files = files.map(List::copyOf);
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(browser, "browser");
        binTargets = List.copyOf(binTargets);
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** Reads and normalises {@code dir/package.json}; {@code directories.bin} is expanded against {@code dir}. */
    public static PackageManifest read(Path dir, byte[] packageJson) throws PackException {
        ObjectNode json;
        try {
            json = Json.parseObject(packageJson, MAX_BYTES);
        } catch (FormatException e) {
            throw new PackException(Reason.MANIFEST_INVALID, "package.json: " + e.getMessage());
        }
        String name = requiredString(json, "name");
        String version = requiredString(json, "version");
        JsonNode workspaces = json.get("workspaces");
        if (truthy(workspaces) && !(workspaces.isContainerNode() && workspaces.isEmpty())) {
            throw new PackException(Reason.UNSUPPORTED_PACKAGE, "packing a workspaces root is not supported");
        }
        Optional<List<String>> files = Optional.empty();
        JsonNode filesNode = json.get("files");
        if (truthy(filesNode)) {
            if (!filesNode.isArray()) {
                throw new PackException(Reason.MANIFEST_INVALID, "package.json \"files\" must be an array");
            }
            List<String> list = new ArrayList<>();
            for (JsonNode f : filesNode) {
                if (!f.isTextual()) {
                    throw new PackException(Reason.MANIFEST_INVALID, "package.json \"files\" entries must be strings");
                }
                list.add(f.textValue());
            }
            files = Optional.of(list);
        }
        checkBundled(dir, json);
        return new PackageManifest(json, name, version, files, optionalString(json, "main"),
                optionalString(json, "browser"), binTargets(dir, json, name));
    }

    /** JavaScript truthiness of a JSON value ({@code null} for absent). */
    static boolean truthy(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0;
        }
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        return true;
    }

    private static String requiredString(ObjectNode json, String field) throws PackException {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw new PackException(Reason.MANIFEST_INVALID, "package.json must have a string \"" + field + "\"");
        }
        return node.textValue();
    }

    private static Optional<String> optionalString(ObjectNode json, String field) throws PackException {
        JsonNode node = json.get(field);
        if (!truthy(node)) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new PackException(Reason.MANIFEST_INVALID, "package.json \"" + field + "\" must be a string");
        }
        return Optional.of(node.textValue());
    }

    /**
     * npm packs an installed bundled dependency from {@code node_modules} with rules of its own; that is refused here
     * rather than reimplemented. A listed dependency that is not installed is skipped by npm too, so only an installed
     * one is refused.
     */
    private static void checkBundled(Path dir, ObjectNode json) throws PackException {
        JsonNode bundle = json.has("bundleDependencies") ? json.get("bundleDependencies") : json.get("bundledDependencies");
        List<String> names = new ArrayList<>();
        if (bundle != null && bundle.isBoolean() && bundle.booleanValue() && json.get("dependencies") instanceof ObjectNode deps) {
            deps.fieldNames().forEachRemaining(names::add);
        } else if (bundle != null && bundle.isArray()) {
            bundle.forEach(n -> names.add(n.asText()));
        } else if (bundle != null && bundle.isObject()) {
            bundle.fieldNames().forEachRemaining(names::add);
        }
        for (String dep : names) {
            if (dep.isEmpty() || dep.contains("..")) {
                continue;
            }
            Path installed = dir.resolve("node_modules").resolve(dep);
            if (Files.exists(installed, LinkOption.NOFOLLOW_LINKS)) {
                throw new PackException(Reason.UNSUPPORTED_PACKAGE,
                        "bundleDependencies are not supported (" + dep + " is installed in node_modules)");
            }
        }
    }

    /** The normalised {@code bin} targets (npm-normalize-package-bin, or the {@code directories.bin} expansion). */
    private static List<String> binTargets(Path dir, ObjectNode json, String name) throws PackException {
        JsonNode bin = json.get("bin");
        JsonNode directories = json.get("directories");
        JsonNode binDir = directories != null && directories.isObject() ? directories.get("bin") : null;
        if (truthy(binDir) && !truthy(bin)) {
            return expandBinDirectory(dir, binDir);
        }
        if (!truthy(bin)) {
            return List.of();
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (bin.isTextual()) {
            entries.put(name, bin);
        } else if (bin.isArray()) {
            for (JsonNode k : bin) {
                if (!k.isTextual()) {
                    throw new PackException(Reason.MANIFEST_INVALID, "package.json \"bin\" entries must be strings");
                }
                entries.put(PosixPath.basename(k.textValue()), k);
            }
        } else if (bin.isObject()) {
            for (Map.Entry<String, JsonNode> e : bin.properties()) {
                entries.put(e.getKey(), e.getValue());
            }
        } else {
            return List.of();
        }
        Map<String, String> normalized = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries.entrySet()) {
            if (!e.getValue().isTextual()) {
                continue;
            }
            String base = PosixPath.basename(secureAndUnixify(e.getKey()));
            String target = secureAndUnixify(e.getValue().textValue());
            if (base.isEmpty() || target.isEmpty()) {
                continue;
            }
            if (normalized.put(base, target) != null) {
                throw new PackException(Reason.UNSUPPORTED_PACKAGE, "two \"bin\" entries are both named " + base);
            }
        }
        return List.copyOf(normalized.values());
    }

    /**
     * {@code directories.bin} without {@code bin}: every file and directory below it whose name does not start with a
     * dot becomes a bin named after its base name (glob {@code **} semantics: symbolic links are listed, not followed).
     */
    private static List<String> expandBinDirectory(Path dir, JsonNode binDir) throws PackException {
        if (!binDir.isTextual()) {
            throw new PackException(Reason.MANIFEST_INVALID, "package.json \"directories.bin\" must be a string");
        }
        String binPath = secureAndUnixify(binDir.textValue());
        if (binPath.isEmpty()) {
            throw new PackException(Reason.UNSUPPORTED_PACKAGE, "\"directories.bin\" must name a subdirectory");
        }
        Path root = dir.resolve(binPath);
        Map<String, String> bins = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            collect(root, "", found, 0);
        } catch (IOException e) {
            throw new PackException(Reason.IO_ERROR, "cannot list directories.bin " + binPath + ": " + e.getMessage(), e);
        }
        for (String relative : found) {
            if (bins.put(PosixPath.basename(relative), binPath + "/" + secureAndUnixify(relative)) != null) {
                throw new PackException(Reason.UNSUPPORTED_PACKAGE,
                        "two files under directories.bin are both named " + PosixPath.basename(relative));
            }
        }
        return List.copyOf(bins.values());
    }

    private static void collect(Path dir, String prefix, List<String> found, int depth) throws IOException {
        if (depth > 64 || found.size() > 10_000) {
            throw new IOException("directories.bin is too deep or too large");
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String relative = prefix + name;
                found.add(relative);
                BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    collect(child, relative + "/", found, depth + 1);
                }
            }
        }
    }

    /** @npmcli/package-json's secureAndUnixifyPath: {@code \} and {@code :} become {@code /}, no escaping upwards. */
    static String secureAndUnixify(String ref) {
        String unixified = ref.replace('\\', '/').replace(':', '/');
        String secured = PosixPath.join(".", PosixPath.join("/", unixified)).replace('\\', '/').replace(':', '/');
        return secured.startsWith("./") ? "" : secured;
    }
}
