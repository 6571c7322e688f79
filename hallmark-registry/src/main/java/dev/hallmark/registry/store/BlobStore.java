package dev.hallmark.registry.store;

import java.util.Optional;

/**
 * Content-addressed bytes (tarballs), DESIGN.md "Storage". A put is durable before it returns, so a version row that
 * names a blob never points at nothing; a blob without a row (a publish whose transaction failed) is harmless.
 */
public interface BlobStore {
    /** Stores the bytes and returns their key (the same bytes always give the same key). */
    String put(byte[] data) throws RegistryStorageException;

    Optional<byte[]> get(String key) throws RegistryStorageException;
}
