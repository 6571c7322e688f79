package dev.hallmark.registry.store;

import dev.hallmark.core.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the upstream proxy keeps (hallmark.yaml {@code registry.upstream}): the upstream's packuments, byte for byte,
 * and which blob holds each tarball read through. In the registry's database next to the local packages (Flyway V2),
 * so every node of a PostgreSQL deployment shares one cache.
 */
public interface UpstreamCacheStore {
    /**
     * A cached packument without its body, so that a fresh hit costs one small read.
     *
     * @param digest hex SHA-256 of the body
     * @param etag the upstream's ETag, for revalidation
     * @param checkedAt when the upstream last confirmed the body (a 200 or a 304)
     */
    record PackumentInfo(String name, String digest, Optional<String> etag, Instant fetchedAt, Instant checkedAt) {
        public PackumentInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
            Objects.requireNonNull(checkedAt, "checkedAt");
        }
    }

    /** @param expected the dist digests the bytes were verified against before they were stored */
    record TarballEntry(String name, String file, String expected, String blobKey, Instant fetchedAt) {
        public TarballEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(blobKey, "blobKey");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
        }
    }

    Optional<PackumentInfo> packumentInfo(String name) throws RegistryStorageException;

    /** The body, if the cached one still has this digest (another node may have replaced it since). */
    Optional<Bytes> packumentBody(String name, String digest) throws RegistryStorageException;

    /** Stores (or replaces) a packument received now. */
    void putPackument(PackumentInfo info, Bytes body) throws RegistryStorageException;

    /** Records a 304: the cached body is confirmed as of {@code checkedAt}. */
    void touchPackument(String name, String digest, Instant checkedAt) throws RegistryStorageException;

    /** The upstream no longer has the package. */
    void forgetPackument(String name) throws RegistryStorageException;

    Optional<TarballEntry> tarball(String name, String file) throws RegistryStorageException;

    void putTarball(TarballEntry entry) throws RegistryStorageException;
}
