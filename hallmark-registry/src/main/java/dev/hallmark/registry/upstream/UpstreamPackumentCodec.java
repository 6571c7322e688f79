package dev.hallmark.registry.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.pkg.PackageName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an upstream's full packument (npm.md §2.1) into an {@link UpstreamPackument}. The document itself is kept as
 * received; what is read here is only what the proxy relies on: that it describes the package asked for, and for
 * each version its {@code dist} digests and tarball location.
 */
public final class UpstreamPackumentCodec {
    /** Versions that can be a file name and a URL path segment unescaped; semver's alphabet plus '_' for old ones. */
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,255}");

    private UpstreamPackumentCodec() {
    }

    /**
     * @param base the upstream base URL; a {@code dist.tarball} outside it is replaced by the canonical path under it
     *     ({@code <base>/<name>/-/<unscoped>-<version>.tgz}), so the proxy never fetches from anywhere else
     */
    public static UpstreamPackument parse(PackageName name, Bytes body, URI base) throws FormatException {
        byte[] bytes = body.toArray();
        ObjectNode doc = Json.parseObject(bytes, Integer.MAX_VALUE);
        Optional<String> claimed = text(doc, "name").or(() -> text(doc, "_id"));
        if (!claimed.equals(Optional.of(name.full()))) {
            throw new FormatException("the upstream packument is not for " + name.full());
        }
        Map<String, UpstreamVersion> versions = new LinkedHashMap<>();
        JsonNode all = doc.get("versions");
        if (all != null && !all.isNull()) { // npmjs serves a fully unpublished package without versions
            if (!all.isObject()) {
                throw new FormatException("the upstream packument's versions is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                version(name, entry.getKey(), entry.getValue(), base).ifPresent(v -> versions.put(v.version(), v));
            }
        }
        return new UpstreamPackument(name, body, Digest.sha256(bytes).hex(), versions);
    }

    /** One servable version, or empty when its dist cannot be checked or its version cannot be addressed. */
    private static Optional<UpstreamVersion> version(PackageName name, String version, JsonNode doc, URI base) {
        if (!VERSION.matcher(version).matches() || !doc.isObject() || !doc.path("dist").isObject()) {
            return Optional.empty();
        }
        JsonNode dist = doc.get("dist");
        DistDigest expected;
        try {
            expected = DistDigest.parse(text(dist, "integrity"), text(dist, "shasum"));
        } catch (FormatException e) {
            return Optional.empty();
        }
        String file = name.unscoped() + "-" + version + ".tgz";
        return Optional.of(new UpstreamVersion(version, file, expected, source(name, file, text(dist, "tarball"), base)));
    }

    private static URI source(PackageName name, String file, Optional<String> advertised, URI base) {
        if (advertised.isPresent()) {
            try {
                URI uri = new URI(advertised.get());
                if (Upstream.isUnder(base, uri)) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // fall back to the canonical path below
            }
        }
        return URI.create(base + "/" + name.full() + "/-/" + file);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
