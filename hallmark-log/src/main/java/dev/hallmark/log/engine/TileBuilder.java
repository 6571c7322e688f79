package dev.hallmark.log.engine;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.storage.StoredTile;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Extends a tiled tree (C2SP tlog-tiles, sigstore.md §4.2) by a run of leaves and reports exactly the tiles and entry
 * bundles that changed: every tile that became full, and the last, partial tile of every level that gained hashes.
 * It starts from the partial tiles of the current size, the only state needed to continue a tree (the right edge;
 * Tessera's integrator does the same). A full tile's 256 hashes fold into one hash of the level above, since tile
 * level L covers Merkle levels 8L..8L+8; partial tiles are never hashed upwards.
 */
final class TileBuilder {
    private static final int H = MerkleHash.SIZE;
    private static final int FULL = TileCoordinates.FULL_WIDTH;

    /** The last tile of one level while it fills. */
    private static final class Row {
        final byte[] hashes = new byte[FULL * H];
        long index;
        int width;
        boolean dirty;
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<StoredTile> out = new ArrayList<>();
    private final List<Bytes> bundle = new ArrayList<>();
    private long bundleIndex;
    private boolean bundleDirty;
    private long size;

    private TileBuilder(long size) {
        this.size = size;
    }

    /** A builder continuing the tree of {@code size} leaves whose tiles {@code tiles} serves. */
    static TileBuilder resume(long size, TileCache tiles) throws LogStorageException {
        TileBuilder b = new TileBuilder(size);
        for (int level = 0; TileCoordinates.hashCount(level, size) > 0; level++) {
            long count = TileCoordinates.hashCount(level, size);
            Row row = b.row(level);
            row.index = count / FULL;
            row.width = (int) (count % FULL);
            if (row.width > 0) {
                Bytes tile = tiles.hashTile(new TileCoordinates(level, row.index, row.width));
                if (tile == null) {
                    throw new LogStorageException("partial tile " + level + "/" + row.index + " is missing");
                }
                System.arraycopy(tile.toArray(), 0, row.hashes, 0, row.width * H);
            }
        }
        b.bundleIndex = size / FULL;
        int bundleWidth = (int) (size % FULL);
        if (bundleWidth > 0) {
            List<Bytes> entries = tiles.entryBundle(new TileCoordinates(0, b.bundleIndex, bundleWidth));
            if (entries == null) {
                throw new LogStorageException("partial entry bundle " + b.bundleIndex + " is missing");
            }
            b.bundle.addAll(entries);
        }
        return b;
    }

    void append(Bytes leafHash, Bytes entry) {
        addHash(0, leafHash.toArray());
        bundle.add(entry);
        bundleDirty = true;
        if (bundle.size() == FULL) {
            out.add(new StoredTile(StoredTile.ENTRIES_LEVEL, bundleIndex++, FULL, EntryBundleCodec.encode(bundle)));
            bundle.clear();
            bundleDirty = false;
        }
        size++;
    }

    long size() {
        return size;
    }

    /** The changed tiles: full ones as they completed, then the partial tiles that gained entries. */
    List<StoredTile> finish() {
        List<StoredTile> result = new ArrayList<>(out);
        for (int level = 0; level < rows.size(); level++) {
            Row row = rows.get(level);
            if (row.dirty && row.width > 0) {
                result.add(new StoredTile(level, row.index, row.width, Bytes.of(row.hashes, 0, row.width * H)));
            }
        }
        if (bundleDirty && !bundle.isEmpty()) {
            result.add(new StoredTile(StoredTile.ENTRIES_LEVEL, bundleIndex, bundle.size(),
                    EntryBundleCodec.encode(bundle)));
        }
        return result;
    }

    private Row row(int level) {
        while (rows.size() <= level) {
            rows.add(new Row());
        }
        return rows.get(level);
    }

    private void addHash(int level, byte[] hash) {
        Row row = row(level);
        System.arraycopy(hash, 0, row.hashes, row.width * H, H);
        row.width++;
        row.dirty = true;
        if (row.width == FULL) {
            out.add(new StoredTile(level, row.index, FULL, Bytes.of(row.hashes, 0, FULL * H)));
            byte[] subtree = fold(row.hashes);
            row.index++;
            row.width = 0;
            row.dirty = false;
            addHash(level + 1, subtree);
        }
    }

    /** MTH of the 2^8-leaf subtree whose level-8L hashes a full tile holds. */
    private static byte[] fold(byte[] hashes) {
        List<Bytes> nodes = new ArrayList<>(FULL);
        for (int i = 0; i < FULL; i++) {
            nodes.add(Bytes.of(hashes, i * H, H));
        }
        while (nodes.size() > 1) {
            List<Bytes> up = new ArrayList<>(nodes.size() / 2);
            for (int i = 0; i < nodes.size(); i += 2) {
                up.add(MerkleHash.nodeHash(nodes.get(i), nodes.get(i + 1)));
            }
            nodes = up;
        }
        return nodes.getFirst().toArray();
    }
}
