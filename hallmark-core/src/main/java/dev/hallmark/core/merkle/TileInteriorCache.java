package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interior nodes of tiles (heights 1..7 inside a tile, C2SP tlog-tiles; sigstore.md §4.2), computed once and
 * shared by the {@link TileHashReader}s of one log, so that serving a proof costs lookups instead of re-hashing up to
 * 254 nodes per tile level. A node hashes a complete run of tile entries, and tiles only grow by appending, so a node
 * that is complete at some width keeps its hash forever: an entry computed from a tile of width {@code w} answers
 * exactly the nodes that end at or before entry {@code w}, and never one that a wider version of the tile adds. A
 * full tile's entry (width 256) therefore answers every node; a partial tile's entry is replaced when a wider version
 * of the tile is read.
 *
 * <p>Thread-safe and bounded: at most {@code maxTiles} entries of 8,128 bytes each; when full it is cleared wholesale
 * (memory stays flat with no LRU bookkeeping; the next proofs refill it). Entries are keyed by tile position only, so
 * one cache must serve the tiles of one log and no other: its tiles never change, which is what makes sharing safe.
 */
public final class TileInteriorCache {
    /** Interior nodes of a tile: heights 1..7, 128 + 64 + … + 2 of them. */
    static final int NODES = TileCoordinates.FULL_WIDTH - 2;

    private record Key(int level, long index) {
    }

    /** The interior nodes of a tile read at {@code width}; slots of nodes incomplete at that width are unset. */
    private record Interior(int width, byte[] nodes) {
    }

    private final int maxTiles;
    private final ConcurrentHashMap<Key, Interior> cache = new ConcurrentHashMap<>();

    public TileInteriorCache(int maxTiles) {
        if (maxTiles < 1) {
            throw new IllegalArgumentException("cache must hold at least one tile");
        }
        this.maxTiles = maxTiles;
    }

    /** Tiles currently cached (at most the bound given to the constructor). */
    public int size() {
        return cache.size();
    }

    /** The width the cached entry of tile ({@code level}, {@code index}) was computed at; 0 if none. */
    public int cachedWidth(int level, long index) {
        Interior e = cache.get(new Key(level, index));
        return e == null ? 0 : e.width();
    }

    /**
     * The node of {@code height} (1..7) at {@code position} (in units of 2^height entries) inside the tile, if the
     * cached entry covers it; null otherwise.
     */
    Bytes node(int level, long index, int height, int position) {
        Interior e = cache.get(new Key(level, index));
        if (e == null || (position + 1) << height > e.width()) {
            return null;
        }
        return Bytes.of(e.nodes(), slot(height, position) * MerkleHash.SIZE, MerkleHash.SIZE);
    }

    /**
     * Computes the interior nodes of {@code tile} (its {@code width} hashes back to back), keeps them unless a wider
     * version is already cached, and returns the node of {@code height} at {@code position}, which must be complete.
     */
    Bytes computeAndNode(TileCoordinates coordinates, byte[] tile, int height, int position) {
        byte[] nodes = interior(tile, coordinates.width());
        Interior computed = new Interior(coordinates.width(), nodes);
        if (cache.size() >= maxTiles) {
            cache.clear();
        }
        cache.merge(new Key(coordinates.level(), coordinates.index()), computed,
                (old, neu) -> neu.width() > old.width() ? neu : old);
        return Bytes.of(nodes, slot(height, position) * MerkleHash.SIZE, MerkleHash.SIZE);
    }

    /** Hashes the complete nodes of heights 1..7 of a tile of {@code width} entries, level by level. */
    static byte[] interior(byte[] tile, int width) {
        Objects.requireNonNull(tile, "tile");
        if (tile.length != width * MerkleHash.SIZE) {
            throw new IllegalArgumentException("tile of " + tile.length + " bytes is not " + width + " hashes");
        }
        byte[] nodes = new byte[NODES * MerkleHash.SIZE];
        byte[] below = tile;
        int belowStart = 0;
        for (int height = 1; height < TileCoordinates.HEIGHT; height++) {
            int count = width >>> height;
            int start = slot(height, 0) * MerkleHash.SIZE;
            for (int i = 0; i < count; i++) {
                byte[] parent = MerkleHash.nodeHash(below, belowStart + 2 * i * MerkleHash.SIZE).toArray();
                System.arraycopy(parent, 0, nodes, start + i * MerkleHash.SIZE, MerkleHash.SIZE);
            }
            below = nodes;
            belowStart = start;
        }
        return nodes;
    }

    /** Slot of the node of {@code height} (1..7) at {@code position}: heights stored one after the other. */
    private static int slot(int height, int position) {
        return TileCoordinates.FULL_WIDTH - (TileCoordinates.FULL_WIDTH >>> (height - 1)) + position;
    }
}
