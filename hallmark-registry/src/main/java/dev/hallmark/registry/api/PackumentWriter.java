package dev.hallmark.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.Registry;
import dev.hallmark.registry.store.StoredPackage;
import dev.hallmark.registry.store.StoredUser;
import dev.hallmark.registry.store.StoredVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes packuments (npm.md §2): the full document and the abbreviated install document, with {@code dist} built by
 * the registry ({@code tarball} on this registry's public URL, integrity, shasum, file count, size), {@code time} for
 * every version ever published (pacote compares it with key expiry) and the top-level fields copied from {@code latest}.
 */
public final class PackumentWriter {
    /** Version fields the abbreviated document keeps (npm.md §2.2); also used for proxied packages. */
    static final List<String> ABBREVIATED_FIELDS = List.of("name", "version", "dependencies",
            "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bundleDependencies",
            "devDependencies", "bin", "directories", "engines", "os", "cpu", "libc", "funding", "_hasShrinkwrap");
    /** Top-level fields copied from the latest version (npm.md §2.1). */
    private static final List<String> FROM_LATEST = List.of("description", "readme", "readmeFilename", "repository",
            "homepage", "license", "keywords", "author", "bugs");
    private static final Set<String> INSTALL_SCRIPTS = Set.of("preinstall", "install", "postinstall");

    private final String publicUrl;

    public PackumentWriter(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public byte[] full(StoredPackage pkg) {
        ObjectNode root = Json.object();
        root.put("_id", pkg.name());
        root.put("_rev", Registry.revString(pkg.name(), pkg.rev()));
        root.put("name", pkg.name());
        root.set("dist-tags", distTags(pkg));
        ObjectNode versions = root.putObject("versions");
        for (StoredVersion v : pkg.liveVersions()) {
            ObjectNode doc = v.manifestDocument();
            doc.set("dist", dist(v));
            v.deprecated().ifPresent(d -> doc.put("deprecated", d));
            versions.set(v.version(), doc);
        }
        ObjectNode time = root.putObject("time");
        time.put("created", pkg.createdAt().toString());
        time.put("modified", pkg.modifiedAt().toString());
        for (StoredVersion v : pkg.versions()) {
            time.put(v.version(), v.publishedAt().toString());
        }
        ArrayNode maintainers = root.putArray("maintainers");
        for (StoredUser m : pkg.maintainers()) {
            maintainers.addObject().put("name", m.username()).put("email", m.email());
        }
        latest(pkg).map(StoredVersion::manifestDocument).ifPresent(latest -> {
            for (String field : FROM_LATEST) {
                JsonNode value = latest.get(field);
                if (value != null && !value.isNull()) {
                    root.set(field, value);
                }
            }
        });
        return Json.write(root);
    }

    public byte[] abbreviated(StoredPackage pkg) {
        ObjectNode root = Json.object();
        root.put("name", pkg.name());
        root.put("modified", pkg.modifiedAt().toString());
        root.set("dist-tags", distTags(pkg));
        ObjectNode versions = root.putObject("versions");
        for (StoredVersion v : pkg.liveVersions()) {
            ObjectNode full = v.manifestDocument();
            ObjectNode doc = versions.putObject(v.version());
            for (String field : ABBREVIATED_FIELDS) {
                JsonNode value = full.get(field);
                if (value != null) {
                    doc.set(field, value);
                }
            }
            if (hasInstallScript(full)) {
                doc.put("hasInstallScript", true);
            }
            v.deprecated().ifPresent(d -> doc.put("deprecated", d));
            doc.set("dist", dist(v));
        }
        return Json.write(root);
    }

    /** One version's document, as {@code GET /<name>/<version>} answers it. */
    public byte[] version(StoredVersion v) {
        ObjectNode doc = v.manifestDocument();
        doc.set("dist", dist(v));
        v.deprecated().ifPresent(d -> doc.put("deprecated", d));
        return Json.write(doc);
    }

    /** {@code dist.tarball}: npmjs's canonical form, {@code <registry>/<name>/-/<unscoped>-<version>.tgz}. */
    public String tarballUrl(StoredVersion v) {
        return publicUrl + "/" + v.name() + "/-/" + v.tarballFile();
    }

    private ObjectNode dist(StoredVersion v) {
        ObjectNode dist = Json.object();
        dist.put("integrity", v.integrity());
        dist.put("shasum", v.shasum());
        dist.put("tarball", tarballUrl(v));
        dist.put("fileCount", v.fileCount());
        dist.put("unpackedSize", v.unpackedSize());
        if (!v.signatures().isEmpty()) {
            ArrayNode signatures = dist.putArray("signatures");
            v.signatures().forEach(s -> signatures.addObject().put("keyid", s.keyid()).put("sig", s.sig()));
        }
        if (v.provenanceType().isPresent()) { // pointer and endpoint together, or neither (npm.md §7.1)
            ObjectNode attestations = dist.putObject("attestations");
            attestations.put("url", publicUrl + "/-/npm/v1/attestations/" + v.name().replace("/", "%2f") + "@"
                    + v.version());
            attestations.putObject("provenance").put("predicateType", v.provenanceType().get());
        }
        return dist;
    }

    private static ObjectNode distTags(StoredPackage pkg) {
        ObjectNode tags = Json.object();
        pkg.distTags().forEach(tags::put);
        return tags;
    }

    private static Optional<StoredVersion> latest(StoredPackage pkg) {
        String latest = pkg.distTags().get("latest");
        return latest == null ? Optional.empty() : pkg.version(latest).filter(StoredVersion::live);
    }

    static boolean hasInstallScript(ObjectNode doc) {
        JsonNode scripts = doc.get("scripts");
        if (scripts == null || !scripts.isObject()) {
            return false;
        }
        for (String s : INSTALL_SCRIPTS) {
            if (scripts.hasNonNull(s)) {
                return true;
            }
        }
        return false;
    }

}
