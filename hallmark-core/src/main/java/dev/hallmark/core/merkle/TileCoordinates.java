package dev.hallmark.core.merkle;

import dev.hallmark.core.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One tile of a C2SP tlog-tiles log (sigstore.md §4.2): tile {@code index} at tile level {@code level} holds, for
 * i &lt; {@code width}, the hash of the complete subtree of height 8·level at index {@code index·256 + i}, i.e.
 * MTH(D[(index·256+i)·256^level : (index·256+i+1)·256^level]). Tile level L therefore covers the Merkle levels
 * 8L..8L+8. A width of 256 is a full tile; 1..255 a partial one, which is never hashed into the level above.
 */
public record TileCoordinates(int level, long index, int width) {
    /** Tile height in Merkle levels. */
    public static final int HEIGHT = 8;
    /** Hashes in a full tile. */
    public static final int FULL_WIDTH = 1 << HEIGHT;
    /** Highest tile level tlog-tiles allows in a path. */
    public static final int MAX_LEVEL = 63;

    public TileCoordinates {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level " + level + " not in 0.." + MAX_LEVEL);
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative tile index " + index);
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width " + width + " not in 1.." + FULL_WIDTH);
        }
    }

    public boolean isFull() {
        return width == FULL_WIDTH;
    }

    /** The tile's path, {@code tile/<L>/<N>[.p/<W>]}. */
    public String path() {
        return TilePath.tilePath(level, index, width);
    }

    /**
     * How many complete subtrees of height 8·level a tree of {@code size} leaves has: the number of hashes at this
     * tile level, {@code floor(size / 256^level)}.
     */
    public static long hashCount(int level, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
        long shift = (long) HEIGHT * level;
        return shift >= 64 ? 0 : size >>> shift;
    }

    /** The width tile ({@code level}, {@code index}) has in a tree of {@code size} leaves; 0 if it does not exist. */
    public static int widthAt(int level, long index, long size) {
        long count = hashCount(level, size);
        long first = index * FULL_WIDTH;
        if (index < 0 || first < 0 || count <= first) {
            return 0;
        }
        return (int) Math.min(FULL_WIDTH, count - first);
    }

    /**
     * Every tile a tree of {@code size} leaves is served as, level by level: all full tiles, then the partial tile of
     * width {@code floor(size / 256^level) mod 256} if that is not 0. Lists one element per tile, so use it for trees of
     * moderate size.
     */
    public static List<TileCoordinates> forTreeSize(long size) {
        return changedTiles(0, size);
    }

    /**
     * The tiles that exist at {@code toSize} but not (at that width) at {@code fromSize}: what a log must write when
     * it grows from one size to the other.
     */
    public static List<TileCoordinates> changedTiles(long fromSize, long toSize) {
        if (fromSize < 0 || toSize < fromSize) {
            throw new IllegalArgumentException("sizes " + fromSize + " to " + toSize);
        }
        List<TileCoordinates> tiles = new ArrayList<>();
        for (int level = 0; hashCount(level, toSize) > 0; level++) {
            long count = hashCount(level, toSize);
            long lastTile = (count - 1) / FULL_WIDTH;
            for (long n = hashCount(level, fromSize) / FULL_WIDTH; n <= lastTile; n++) {
                int width = widthAt(level, n, toSize);
                if (width > widthAt(level, n, fromSize)) {
                    tiles.add(new TileCoordinates(level, n, width));
                }
            }
        }
        return tiles;
    }

    /** The tile's content, {@code width} concatenated 32-byte hashes, read from a subtree store (for a log's writer). */
    public Bytes content(SubtreeHashes tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * MerkleHash.SIZE);
        long first = index * FULL_WIDTH;
        for (int i = 0; i < width; i++) {
            out.writeBytes(tree.hash(HEIGHT * level, first + i).toArray());
        }
        return Bytes.of(out.toByteArray());
    }
}
