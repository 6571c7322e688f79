package dev.hallmark.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.internal.ByteBudgetCache;
import dev.hallmark.registry.upstream.UpstreamPackument;
import dev.hallmark.registry.upstream.UpstreamVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the packuments of proxied packages (npm.md §2) from the upstream's full document, as received.
 *
 * <p>"dist kept intact": each version's {@code dist} (integrity, shasum, signatures, attestations, fileCount,
 * unpackedSize and anything else the upstream put there) is served exactly as the upstream sent it, except
 * {@code dist.tarball}, which is rewritten to this registry's URL: clients in a network that reaches only this
 * registry (air-gapped) then fetch every tarball through us, where it is checked against those very digests. The rest
 * of the document is unchanged too. Versions the proxy could not serve (no usable digest, or a version string unfit
 * for a URL) are left out, and so are dist-tags that name them, so npm never resolves to an unfetchable version.
 *
 * <p>The abbreviated document (npm.md §2.2) is derived from the full one, with the fields {@link PackumentWriter}
 * keeps for local packages: one cached upstream document serves both {@code Accept} forms, and revalidates once.
 */
final class ProxiedPackumentWriter {
    /** Rendered documents kept in memory, keyed by name and form and checked against the upstream digest. */
    private static final long RENDERED_BUDGET_BYTES = 128L * 1024 * 1024;

    private record Key(String name, boolean abbreviated) {
    }

    private final String publicUrl;
    private final ByteBudgetCache<Key, byte[]> rendered = new ByteBudgetCache<>(RENDERED_BUDGET_BYTES, b -> b.length);

    ProxiedPackumentWriter(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    byte[] packument(UpstreamPackument pkg, boolean abbreviated) {
        Key key = new Key(pkg.name().full(), abbreviated);
        Optional<byte[]> hit = rendered.get(key, pkg.digest());
        if (hit.isPresent()) {
            return hit.get();
        }
        ObjectNode full = servable(pkg);
        byte[] body = Json.write(abbreviated ? abbreviate(pkg.name().full(), full) : full);
        rendered.put(key, pkg.digest(), body);
        return body;
    }

    /** One version's document ({@code GET /<name>/<version-or-tag>}); empty when there is no servable such version. */
    Optional<byte[]> version(UpstreamPackument pkg, String versionOrTag) {
        ObjectNode full = servable(pkg);
        String version = full.path("dist-tags").path(versionOrTag).asText(versionOrTag);
        JsonNode doc = full.path("versions").get(version);
        return doc == null || !doc.isObject() ? Optional.empty() : Optional.of(Json.write(doc));
    }

    /** The upstream document with only servable versions, each {@code dist.tarball} pointing here. */
    private ObjectNode servable(UpstreamPackument pkg) {
        ObjectNode doc;
        try {
            doc = Json.parseObject(pkg.body().toArray(), Integer.MAX_VALUE);
        } catch (FormatException e) {
            throw new IllegalStateException("a proxied packument that parsed when stored no longer does", e);
        }
        JsonNode versions = doc.get("versions");
        if (versions instanceof ObjectNode all) {
            List<String> unservable = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                UpstreamVersion v = pkg.versions().get(entry.getKey());
                if (v == null) {
                    unservable.add(entry.getKey());
                } else {
                    ((ObjectNode) entry.getValue().get("dist")).put("tarball", tarballUrl(pkg, v));
                }
            }
            all.remove(unservable);
        } else {
            doc.putObject("versions");
        }
        JsonNode tags = doc.get("dist-tags");
        if (tags instanceof ObjectNode t) {
            List<String> dangling = new ArrayList<>();
            t.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual() || !pkg.versions().containsKey(e.getValue().textValue())) {
                    dangling.add(e.getKey());
                }
            });
            t.remove(dangling);
        } else {
            doc.putObject("dist-tags");
        }
        return doc;
    }

    private static ObjectNode abbreviate(String name, ObjectNode full) {
        ObjectNode root = Json.object();
        root.put("name", name);
        JsonNode modified = full.path("time").get("modified");
        if (modified != null && modified.isTextual()) {
            root.set("modified", modified);
        }
        root.set("dist-tags", full.get("dist-tags"));
        ObjectNode versions = root.putObject("versions");
        full.get("versions").fields().forEachRemaining(e -> {
            ObjectNode doc = (ObjectNode) e.getValue();
            ObjectNode out = versions.putObject(e.getKey());
            for (String field : PackumentWriter.ABBREVIATED_FIELDS) {
                JsonNode value = doc.get(field);
                if (value != null) {
                    out.set(field, value);
                }
            }
            if (doc.path("hasInstallScript").asBoolean(false) || PackumentWriter.hasInstallScript(doc)) {
                out.put("hasInstallScript", true);
            }
            JsonNode deprecated = doc.get("deprecated");
            if (deprecated != null && deprecated.isTextual()) {
                out.set("deprecated", deprecated);
            }
            out.set("dist", doc.get("dist"));
        });
        return root;
    }

    private String tarballUrl(UpstreamPackument pkg, UpstreamVersion v) {
        return publicUrl + "/" + pkg.name().full() + "/-/" + v.file();
    }
}
