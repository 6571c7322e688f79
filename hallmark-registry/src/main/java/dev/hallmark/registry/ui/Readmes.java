package dev.hallmark.registry.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.registry.Registry;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.pkg.TarballContents;
import dev.hallmark.registry.pkg.TarballInspector;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.StoredVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A version's readme, rendered: the {@code readme} npm put in the version document (npm.md §4), or else the one in the
 * tarball, chosen as npm chooses it ({@link TarballInspector}) — as npmjs does for publishers that send none. Versions
 * never change, so rendered readmes are kept in a small bounded cache; reading a tarball costs a decompression.
 */
final class Readmes {
    static final int CACHE_ENTRIES = 64;
    /** Larger renderings are not cached, which bounds the cache at about 16 M characters. */
    static final int MAX_CACHED_CHARS = 256 * 1024;

    private final Registry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Optional<RenderedHtml>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<RenderedHtml>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    Readmes(Registry registry) {
        this.registry = registry;
    }

    Optional<RenderedHtml> of(PackageName name, StoredVersion version, JsonNode manifest)
            throws RegistryStorageException {
        String key = name.full() + "@" + version.version();
        lock.lock();
        try {
            Optional<RenderedHtml> cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        } finally {
            lock.unlock();
        }
        Optional<RenderedHtml> rendered = render(name, version, manifest);
        if (rendered.map(r -> r.html().length() <= MAX_CACHED_CHARS).orElse(true)) {
            lock.lock();
            try {
                cache.put(key, rendered);
            } finally {
                lock.unlock();
            }
        }
        return rendered;
    }

    private Optional<RenderedHtml> render(PackageName name, StoredVersion version, JsonNode manifest)
            throws RegistryStorageException {
        Optional<String> fromManifest = Manifests.readme(manifest);
        if (fromManifest.isPresent()) {
            return Optional.of(Readme.render(fromManifest.get(), Manifests.text(manifest, "readmeFilename")));
        }
        Optional<byte[]> tgz = registry.tarball(name, version.tarballFile());
        if (tgz.isEmpty()) {
            return Optional.empty();
        }
        try {
            TarballContents contents = TarballInspector.inspect(tgz.get(), registry.options().tarballLimits());
            return contents.readme().filter(r -> !r.isBlank())
                    .map(r -> Readme.render(r, contents.readmeFilename()));
        } catch (FormatException e) {
            return Optional.empty(); // it passed at publish; a later, stricter limit may refuse it: no readme then
        }
    }
}
