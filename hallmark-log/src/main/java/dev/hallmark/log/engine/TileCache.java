package dev.hallmark.log.engine;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.StoredTile;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads tiles at an exact width from storage, which keeps only the widest version of each tile. A tile of width
 * {@code w} is the first {@code w} hashes of any wider version (tiles only grow by appending, C2SP tlog-tiles), so one
 * cached copy serves every width up to its own and is never stale; that makes caching safe across nodes. Hash tiles
 * are cached (bounded; cleared wholesale when full, which keeps memory flat without LRU bookkeeping); entry bundles,
 * which can be large, are read through.
 */
final class TileCache {
    private record Key(int level, long index) {
    }

    private final LogStorage storage;
    private final int maxTiles;
    private final ConcurrentHashMap<Key, StoredTile> cache = new ConcurrentHashMap<>();

    TileCache(LogStorage storage, int maxTiles) {
        this.storage = storage;
        this.maxTiles = maxTiles;
    }

    /** The hash tile at exactly {@code c.width()}, or null if storage does not hold it that wide. */
    Bytes hashTile(TileCoordinates c) throws LogStorageException {
        Key key = new Key(c.level(), c.index());
        StoredTile tile = cache.get(key);
        if (tile == null || tile.width() < c.width()) {
            Optional<StoredTile> stored = storage.tile(c.level(), c.index());
            if (stored.isEmpty() || stored.get().width() < c.width()) {
                return null;
            }
            tile = stored.get();
            remember(tile);
        }
        return tile.width() == c.width() ? tile.data() : tile.data().slice(0, c.width() * MerkleHash.SIZE);
    }

    /** The encoded entry bundle matching level-0 tile {@code c}, at exactly its width; null if not stored. */
    Bytes entryBundleBytes(TileCoordinates c) throws LogStorageException {
        Optional<StoredTile> stored = storage.tile(StoredTile.ENTRIES_LEVEL, c.index());
        if (stored.isEmpty() || stored.get().width() < c.width()) {
            return null;
        }
        try {
            return stored.get().width() == c.width() ? stored.get().data()
                    : EntryBundleCodec.prefix(stored.get().data(), c.width());
        } catch (FormatException e) {
            throw new LogStorageException("stored entry bundle " + c.index() + " is corrupt", e);
        }
    }

    /** The entries of the bundle matching level-0 tile {@code c}; null if not stored that wide. */
    List<Bytes> entryBundle(TileCoordinates c) throws LogStorageException {
        Bytes bytes = entryBundleBytes(c);
        if (bytes == null) {
            return null;
        }
        try {
            return EntryBundleCodec.decode(bytes);
        } catch (FormatException e) {
            throw new LogStorageException("stored entry bundle " + c.index() + " is corrupt", e);
        }
    }

    /** Records tiles just published (write-through), keeping the widest version of each. */
    void remember(List<StoredTile> tiles) {
        for (StoredTile t : tiles) {
            if (!t.isEntryBundle()) {
                remember(t);
            }
        }
    }

    private void remember(StoredTile tile) {
        if (cache.size() >= maxTiles) {
            cache.clear();
        }
        cache.merge(new Key(tile.level(), tile.index()), tile, (old, neu) -> neu.width() >= old.width() ? neu : old);
    }
}
