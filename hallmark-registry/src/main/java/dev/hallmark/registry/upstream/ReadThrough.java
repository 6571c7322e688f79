package dev.hallmark.registry.upstream;

import static dev.hallmark.registry.upstream.UpstreamException.Reason.INTEGRITY_MISMATCH;
import static dev.hallmark.registry.upstream.UpstreamException.Reason.MALFORMED;
import static dev.hallmark.registry.upstream.UpstreamException.Reason.NAME_EXISTS_UPSTREAM;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.registry.internal.ByteBudgetCache;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.store.BlobStore;
import dev.hallmark.registry.store.RegistryStorageException;
import dev.hallmark.registry.store.UpstreamCacheStore;
import dev.hallmark.registry.store.UpstreamCacheStore.PackumentInfo;
import dev.hallmark.registry.store.UpstreamCacheStore.TarballEntry;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads names this registry does not have through from the upstream, and caches what it reads. The caller (NpmApi)
 * comes here only for a name with no local package at all, so a local package always wins and a name that exists
 * here is never proxied: an upstream cannot inject versions into an internal package (dependency confusion).
 *
 * <p>Packuments: a cached one is served without any network for {@code packumentTtl}; after that it is revalidated
 * with If-None-Match (a 304 renews it, a 200 replaces it, a 404 drops it); if the upstream cannot be asked or answers
 * badly, the cached copy is served anyway (stale-if-error, RFC 5861 §4), so installs keep working while the upstream
 * is down. Tarballs: fetched once, checked against their version's {@code dist} digests before anything is stored or
 * served (a mismatch is a 502 and caches nothing), then served from the blob store, checked again on every read.
 */
public final class ReadThrough {
    private static final System.Logger LOG = System.getLogger(ReadThrough.class.getName());
    /** Parsed packuments kept in memory; each hit is still validated against the database's digest. */
    private static final long PARSED_BUDGET_BYTES = 128L * 1024 * 1024;

    private final Upstream upstream;
    private final UpstreamCacheStore cache;
    private final BlobStore blobs;
    private final InstantSource clock;
    private final ByteBudgetCache<String, UpstreamPackument> parsed =
            new ByteBudgetCache<>(PARSED_BUDGET_BYTES, p -> p.body().length());

    public ReadThrough(Upstream upstream, UpstreamCacheStore cache, BlobStore blobs, InstantSource clock) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The upstream's packument for a name that has no local package; empty when the upstream has none either. */
    public Optional<UpstreamPackument> packument(PackageName name) throws UpstreamException, RegistryStorageException {
        Optional<PackumentInfo> cached = cache.packumentInfo(name.full());
        Instant now = clock.instant();
        if (cached.isPresent() && now.isBefore(cached.get().checkedAt().plus(upstream.options().packumentTtl()))) {
            Optional<UpstreamPackument> fresh = load(name, cached.get());
            if (fresh.isPresent()) {
                return fresh;
            }
        }
        try {
            return switch (upstream.packument(name, cached.flatMap(PackumentInfo::etag))) {
                case Upstream.Fetched fetched -> Optional.of(store(name, fetched, now));
                case Upstream.NotModified notModified -> {
                    cache.touchPackument(name.full(), cached.get().digest(), now);
                    Optional<UpstreamPackument> current = load(name, cached.get());
                    if (current.isEmpty()) { // replaced by another node meanwhile: read its copy
                        yield cache.packumentInfo(name.full()).flatMap(info -> loadQuietly(name, info));
                    }
                    yield current;
                }
                case Upstream.Missing missing -> {
                    cache.forgetPackument(name.full());
                    parsed.remove(name.full());
                    yield Optional.empty();
                }
            };
        } catch (UpstreamException e) {
            Optional<UpstreamPackument> stale = cached.flatMap(info -> loadQuietly(name, info));
            if (stale.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "serving the cached packument of {0} fetched at {1}: {2}",
                        name.full(), cached.get().fetchedAt(), e.getMessage());
                return stale;
            }
            throw e;
        }
    }

    /**
     * A proxied tarball by the file name this registry serves it under; empty when the package or version is unknown
     * or the upstream has no such tarball.
     */
    public Optional<Bytes> tarball(PackageName name, String file) throws UpstreamException, RegistryStorageException {
        Optional<UpstreamVersion> version = packument(name).flatMap(p -> p.byFile(file));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        UpstreamVersion v = version.get();
        Optional<TarballEntry> entry = cache.tarball(name.full(), file);
        if (entry.isPresent()) {
            Optional<byte[]> bytes = blobs.get(entry.get().blobKey());
            if (bytes.isPresent() && v.expected().matches(bytes.get())) {
                return Optional.of(Bytes.of(bytes.get()));
            }
            // the blob is gone, or the version's dist changed upstream since: fetch again, checked against today's
        }
        Optional<Bytes> fetched = upstream.tarball(v.source());
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        byte[] data = fetched.get().toArray();
        if (!v.expected().matches(data)) {
            throw new UpstreamException(INTEGRITY_MISMATCH, "the upstream's tarball of " + name.full() + "@"
                    + v.version() + " does not match its dist.integrity/shasum");
        }
        String key = blobs.put(data);
        cache.putTarball(new TarballEntry(name.full(), file, v.expected().toString(), key, clock.instant()));
        return fetched;
    }

    /**
     * Before the first local publish of a name: refused if the upstream has it, because the local package would then
     * shadow the upstream one for every client of this registry (so anyone allowed to publish could take over a
     * public name). Fails closed: if the upstream cannot be asked, the publish waits, unless the name is cached (then
     * it is known to exist). Only a read is sent upstream; a publish itself never goes there.
     */
    public void requireAbsentUpstream(PackageName name) throws UpstreamException, RegistryStorageException {
        Upstream.PackumentAnswer answer;
        try {
            answer = upstream.packument(name, Optional.empty());
        } catch (UpstreamException e) {
            if (cache.packumentInfo(name.full()).isPresent()) {
                throw existsUpstream(name);
            }
            throw new UpstreamException(e.reason(), "cannot check whether the upstream registry has " + name.full()
                    + " (a new name is published only once it is known not to exist there): " + e.getMessage());
        }
        if (answer instanceof Upstream.Missing) {
            cache.forgetPackument(name.full());
            return;
        }
        throw existsUpstream(name);
    }

    private UpstreamPackument store(PackageName name, Upstream.Fetched fetched, Instant now)
            throws UpstreamException, RegistryStorageException {
        UpstreamPackument pkg;
        try {
            pkg = UpstreamPackumentCodec.parse(name, fetched.body(), upstream.options().url());
        } catch (FormatException e) {
            throw new UpstreamException(MALFORMED, "the upstream's packument of " + name.full() + " is unusable: "
                    + e.getMessage());
        }
        cache.putPackument(new PackumentInfo(name.full(), pkg.digest(), fetched.etag(), now, now), fetched.body());
        parsed.put(name.full(), pkg.digest(), pkg);
        return pkg;
    }

    /** The cached packument of this digest; empty if the row changed meanwhile (another node replaced it). */
    private Optional<UpstreamPackument> load(PackageName name, PackumentInfo info) throws RegistryStorageException {
        Optional<UpstreamPackument> hit = parsed.get(name.full(), info.digest());
        if (hit.isPresent()) {
            return hit;
        }
        Optional<Bytes> body = cache.packumentBody(name.full(), info.digest());
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            UpstreamPackument pkg = UpstreamPackumentCodec.parse(name, body.get(), upstream.options().url());
            parsed.put(name.full(), pkg.digest(), pkg);
            return Optional.of(pkg);
        } catch (FormatException e) { // it parsed when stored; a newer reader may be stricter: fetch it again
            LOG.log(System.Logger.Level.WARNING, "the cached packument of {0} no longer parses: {1}", name.full(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<UpstreamPackument> loadQuietly(PackageName name, PackumentInfo info) {
        try {
            return load(name, info);
        } catch (RegistryStorageException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot read the cached packument of " + name.full(), e);
            return Optional.empty();
        }
    }

    private static UpstreamException existsUpstream(PackageName name) {
        return new UpstreamException(NAME_EXISTS_UPSTREAM, name.full() + " exists on the upstream registry; publishing"
                + " it here would shadow that package for every client of this registry");
    }
}
