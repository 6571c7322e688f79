package dev.hallmark.log.engine;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.core.merkle.TileHashReader;
import dev.hallmark.core.merkle.TileInteriorCache;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.PublishedCheckpoint;
import java.util.Optional;

/**
 * Proofs and tiles of the published tree, computed from the stored tiles alone through hallmark-core's
 * {@link TileHashReader} and {@code Proofs} (exactly what a tlog-tiles client does, sigstore.md §4.2). Every proof is
 * checked before it is returned (STYLE: check your own outputs): for the published size, against the signed
 * checkpoint's root, which costs one path of hashes; for an older size, against the root the tiles give.
 *
 * <p>Interior nodes of tiles are hashed once and shared by every proof through a bounded {@link TileInteriorCache}
 * (tiles of this log only grow by appending, so a node once complete never changes).
 */
final class TreeReader {
    private final TileCache tiles;
    private final TileInteriorCache interiors;

    TreeReader(TileCache tiles, TileInteriorCache interiors) {
        this.tiles = tiles;
        this.interiors = interiors;
    }

    InclusionProof inclusion(long index, long treeSize, PublishedCheckpoint published) throws LogStorageException {
        checkSize(treeSize, published);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index " + index + " not below tree size " + treeSize);
        }
        Reader r = new Reader(treeSize);
        try {
            // Proofs checks it against the checkpoint's root at the published size, else against the tiles' root.
            return treeSize == published.size() ? r.view.inclusionProof(index, published.checkpoint().rootHash())
                    : r.view.inclusionProof(index);
        } catch (FormatException | TileHashReader.BadTileException e) {
            throw r.failure(e);
        }
    }

    ConsistencyProof consistency(long fromSize, long toSize, PublishedCheckpoint published)
            throws LogStorageException {
        checkSize(toSize, published);
        if (fromSize < 0 || fromSize > toSize) {
            throw new IllegalArgumentException("sizes " + fromSize + " and " + toSize + " out of order");
        }
        Reader r = new Reader(toSize);
        try {
            // Proofs checks it against the old root the tiles give and the checkpoint's root (or the tiles' one).
            Bytes toRoot = toSize == published.size() ? published.checkpoint().rootHash() : null;
            return r.view.consistencyProof(fromSize, toRoot);
        } catch (FormatException | TileHashReader.BadTileException e) {
            throw r.failure(e);
        }
    }

    /** The bytes of a tile or entry bundle the published tree has (narrower partial tiles included). */
    Optional<Bytes> tile(String path, PublishedCheckpoint published) throws LogStorageException {
        TilePath parsed;
        try {
            parsed = TilePath.parse(path);
        } catch (FormatException e) {
            return Optional.empty();
        }
        TileCoordinates c = parsed.tile();
        int available = TileCoordinates.widthAt(c.level(), c.index(), published.size());
        if (c.width() > available) {
            return Optional.empty();
        }
        Bytes bytes = parsed.kind() == TilePath.Kind.HASHES ? tiles.hashTile(c) : tiles.entryBundleBytes(c);
        if (bytes == null) {
            throw new LogStorageException("published tile " + path + " is missing from storage");
        }
        return Optional.of(bytes);
    }

    private static void checkSize(long treeSize, PublishedCheckpoint published) {
        if (treeSize < 0 || treeSize > published.size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " not in [0, " + published.size() + "]");
        }
    }

    /** A tile view over the cache that remembers a storage failure, which a TileSource cannot throw. */
    private final class Reader {
        final TileHashReader view;
        LogStorageException storageFailure;

        Reader(long size) {
            view = new TileHashReader(size, this::fetch, interiors);
        }

        LogStorageException failure(Exception e) {
            return storageFailure != null ? storageFailure
                    : new LogStorageException("stored tiles do not give a valid proof", e);
        }

        Bytes fetch(TileCoordinates c) {
            try {
                return tiles.hashTile(c);
            } catch (LogStorageException e) {
                storageFailure = e;
                return null;
            }
        }
    }
}
