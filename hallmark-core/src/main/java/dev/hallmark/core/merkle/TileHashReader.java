package dev.hallmark.core.merkle;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SubtreeHashes} view over the tiles a C2SP tlog-tiles log serves for one tree size, so that a client (or
 * the log itself) can rebuild roots and proofs from tiles (sigstore.md §4.2). The subtree of height {@code h} at
 * {@code index} lives in tile level {@code h / 8}: directly when {@code h} is a multiple of 8, otherwise it is hashed
 * up from the {@code 2^(h mod 8)} consecutive tile entries it spans. Each tile is requested at the width it has at
 * the tree size, so only tiles that exist for a checkpoint of that size are fetched, as tlog-tiles requires.
 *
 * <p>Tiles come from an untrusted server: a missing tile or one of the wrong length is reported by the checked
 * methods ({@link #root()}, {@link #inclusionProof}, {@link #consistencyProof}) as a {@link FormatException}; when the
 * view is used as a plain {@link SubtreeHashes}, {@link #hash} throws the unchecked {@link BadTileException}. Whether
 * the tiles are <em>correct</em> is decided by comparing the rebuilt root with a verified checkpoint. Not
 * thread-safe: it caches recently read tiles.
 *
 * <p>A log serving its own tiles passes a {@link TileInteriorCache} shared by all its readers, so that interior nodes
 * are hashed once per tile instead of once per proof, and asks for proofs against the root it knows from its
 * checkpoint ({@link #inclusionProof(long, Bytes)}), so that the self-check costs a path of hashes, not a root.
 */
public final class TileHashReader implements SubtreeHashes {
    /** Fetches one tile's raw bytes; returns {@code null} if it is not available. */
    @FunctionalInterface
    public interface TileSource {
        Bytes tile(TileCoordinates tile);
    }

    /** A tile was missing or malformed while the view was used through {@link SubtreeHashes#hash}. */
    public static final class BadTileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTileException(String message) {
            super(message);
        }
    }

    private static final int CACHE_TILES = 64;

    private final long treeSize;
    private final TileSource source;
    private final TileInteriorCache interiors;
    private final Map<TileCoordinates, Bytes> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TileCoordinates, Bytes> eldest) {
            return size() > CACHE_TILES;
        }
    };

    public TileHashReader(long treeSize, TileSource source) {
        this(treeSize, source, null);
    }

    /**
     * A view whose interior nodes come from (and go to) {@code interiors}, which must only ever be used with the
     * tiles of this same log ({@code null}: hash them on every use).
     */
    public TileHashReader(long treeSize, TileSource source, TileInteriorCache interiors) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        this.treeSize = treeSize;
        this.source = Objects.requireNonNull(source, "source");
        this.interiors = interiors;
    }

    public long treeSize() {
        return treeSize;
    }

    /** The root of the tree rebuilt from its tiles; compare it with the verified checkpoint's root. */
    public Bytes root() throws FormatException {
        try {
            return Proofs.root(treeSize, this);
        } catch (BadTileException e) {
            throw new FormatException(e.getMessage(), e);
        }
    }

    public InclusionProof inclusionProof(long index) throws FormatException {
        try {
            return Proofs.inclusion(index, treeSize, this);
        } catch (BadTileException e) {
            throw new FormatException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new FormatException("tiles are inconsistent with each other", e);
        }
    }

    /**
     * An inclusion proof self-checked against {@code root}, the tree's root known from a verified checkpoint, rather
     * than against a root rebuilt from the tiles; a mismatch is reported like inconsistent tiles.
     */
    public InclusionProof inclusionProof(long index, Bytes root) throws FormatException {
        Objects.requireNonNull(root, "root");
        try {
            return Proofs.inclusion(index, treeSize, this, root);
        } catch (BadTileException e) {
            throw new FormatException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new FormatException("tiles are inconsistent with each other", e);
        }
    }

    /** A proof that this tree extends the tree of {@code fromSize} leaves. */
    public ConsistencyProof consistencyProof(long fromSize) throws FormatException {
        return consistencyProof(fromSize, null);
    }

    /**
     * A consistency proof self-checked against {@code root}, this tree's root known from a verified checkpoint
     * ({@code null}: the root rebuilt from the tiles); the old root is always rebuilt from the tiles.
     */
    public ConsistencyProof consistencyProof(long fromSize, Bytes root) throws FormatException {
        try {
            return Proofs.consistency(fromSize, treeSize, this, root);
        } catch (BadTileException e) {
            throw new FormatException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new FormatException("tiles are inconsistent with each other", e);
        }
    }

    @Override
    public Bytes hash(int level, long index) {
        if (level < 0 || level >= 63 || index < 0 || index > (treeSize >>> level) - 1) {
            throw new IllegalArgumentException("no complete subtree at level " + level + " index " + index
                    + " in a tree of " + treeSize);
        }
        int tileLevel = level / TileCoordinates.HEIGHT;
        int height = level % TileCoordinates.HEIGHT;
        long first = index << height; // index of the subtree's first hash within tile level tileLevel
        long tileIndex = first / TileCoordinates.FULL_WIDTH;
        int offset = (int) (first % TileCoordinates.FULL_WIDTH);
        int width = TileCoordinates.widthAt(tileLevel, tileIndex, treeSize);
        TileCoordinates coordinates = new TileCoordinates(tileLevel, tileIndex, width);
        if (height == 0) {
            return tile(coordinates).slice(offset * MerkleHash.SIZE, (offset + 1) * MerkleHash.SIZE);
        }
        if (interiors != null) {
            int position = offset >>> height;
            Bytes cached = interiors.node(tileLevel, tileIndex, height, position);
            return cached != null ? cached
                    : interiors.computeAndNode(coordinates, tile(coordinates).toArray(), height, position);
        }
        // Hash the 2^height tile entries pairwise up to one node, in a scratch copy of that slice.
        int count = 1 << height;
        byte[] work = tile(coordinates).slice(offset * MerkleHash.SIZE, (offset + count) * MerkleHash.SIZE).toArray();
        for (; count > 1; count /= 2) {
            for (int i = 0; i < count / 2; i++) {
                byte[] parent = MerkleHash.nodeHash(work, 2 * i * MerkleHash.SIZE).toArray();
                System.arraycopy(parent, 0, work, i * MerkleHash.SIZE, MerkleHash.SIZE);
            }
        }
        return Bytes.of(work, 0, MerkleHash.SIZE);
    }

    private Bytes tile(TileCoordinates coordinates) {
        Bytes cached = cache.get(coordinates);
        if (cached != null) {
            return cached;
        }
        Bytes fetched = source.tile(coordinates);
        if (fetched == null) {
            throw new BadTileException("tile " + coordinates.path() + " is not available");
        }
        if (fetched.length() != coordinates.width() * MerkleHash.SIZE) {
            throw new BadTileException("tile " + coordinates.path() + " has " + fetched.length() + " bytes, not "
                    + coordinates.width() * MerkleHash.SIZE);
        }
        cache.put(coordinates, fetched);
        return fetched;
    }
}
