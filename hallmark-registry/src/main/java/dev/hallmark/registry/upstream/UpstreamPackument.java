package dev.hallmark.registry.upstream;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.registry.pkg.PackageName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An upstream packument as received (the body, byte for byte) with the versions this registry can serve from it.
 * A version missing here (no usable {@code dist} digest, or a version string unfit for a URL) is left out of the
 * documents served, since its tarball could not be checked or addressed.
 *
 * @param digest hex SHA-256 of the body: it changes exactly when the document does, so it is the ETag's basis
 * @param versions by version string
 */
public record UpstreamPackument(PackageName name, Bytes body, String digest, Map<String, UpstreamVersion> versions) {
    public UpstreamPackument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(digest, "digest");
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** The version whose tarball this registry serves under {@code file}. */
    public Optional<UpstreamVersion> byFile(String file) {
        return versions.values().stream().filter(v -> v.file().equals(file)).findFirst();
    }
}
