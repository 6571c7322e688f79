package dev.hallmark.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A shared {@link TileInteriorCache} changes nothing a {@link TileHashReader} answers: same hashes, roots and proofs
 * as the reference tree, at every tree size, whichever widths of a tile were cached first; it stays within its bound;
 * and cached nodes are served without reading tiles again.
 */
class TileInteriorCacheTest {
    private static final InMemoryMerkleTree TREE = RfcReference.syntheticTree(70_100);

    /** Serves the tiles of the reference tree and records the requests. */
    private static final class Source implements TileHashReader.TileSource {
        final List<TileCoordinates> requests = new ArrayList<>();

        @Override
        public Bytes tile(TileCoordinates tile) {
            requests.add(tile);
            return tile.content(TREE);
        }
    }

    @Test
    void interiorOfAFullTileHoldsEveryNodeOfHeightsOneToSeven() {
        byte[] tile = new TileCoordinates(0, 2, 256).content(TREE).toArray();
        TileInteriorCache cache = new TileInteriorCache(16);
        for (int height = 1; height < 8; height++) {
            for (int position = 0; position < 256 >> height; position++) {
                Bytes node = cache.computeAndNode(new TileCoordinates(0, 2, 256), tile, height, position);
                assertThat(node).isEqualTo(TREE.hash(height, (2L * 256 >> height) + position));
                assertThat(cache.node(0, 2, height, position)).isEqualTo(node);
            }
        }
        assertThat(cache.size()).isEqualTo(1);
        assertThat(TileInteriorCache.interior(tile, 256)).hasSize(TileInteriorCache.NODES * 32);
    }

    @Test
    void proofsThroughASharedCacheEqualTheReferenceAtGrowingAndShrinkingSizes() throws FormatException {
        TileInteriorCache cache = new TileInteriorCache(4096);
        long[] sizes = {300, 1000, 65_537, 70_100, 700, 256, 511, 65_536 + 300, 70_000, 3, 69_999};
        Random random = new Random(11);
        for (long size : sizes) {
            TileHashReader reader = new TileHashReader(size, new Source(), cache);
            Bytes root = TREE.root(size);
            assertThat(reader.root()).as("size %d", size).isEqualTo(root);
            for (int k = 0; k < 30; k++) {
                long index = k == 0 ? size - 1 : Math.floorMod(random.nextLong(), size);
                assertThat(reader.inclusionProof(index)).isEqualTo(TREE.inclusionProof(index, size));
                assertThat(reader.inclusionProof(index, root)).isEqualTo(TREE.inclusionProof(index, size));
                long old = Math.floorMod(random.nextLong(), size + 1);
                assertThat(reader.consistencyProof(old, root)).isEqualTo(TREE.consistencyProof(old, size));
            }
            for (int level = 1; level < 17 && (size >>> level) > 0; level++) {
                long index = Math.floorMod(random.nextLong(), size >>> level);
                assertThat(reader.hash(level, index)).isEqualTo(TREE.hash(level, index));
            }
        }
    }

    @Test
    void aPartialTileIsCachedAtItsWidthAndNeverAnswersForNodesBeyondIt() {
        TileInteriorCache cache = new TileInteriorCache(16);
        // At 300 leaves tile 0/1 is partial (44 entries): nodes up to entry 44 are complete.
        TileHashReader small = new TileHashReader(300, new Source(), cache);
        assertThat(small.hash(5, 8)).isEqualTo(TREE.hash(5, 8)); // entries 256..287 of the tree: tile 0/1, 0..31
        assertThat(cache.cachedWidth(0, 1)).isEqualTo(44);
        assertThat(cache.node(0, 1, 1, 21)).isEqualTo(TREE.hash(1, 149)); // entries 42..43, complete at 44
        assertThat(cache.node(0, 1, 1, 22)).isNull(); // entries 44..45: not in the cached width
        assertThat(cache.node(0, 1, 7, 0)).isNull();
        // A wider tree must hash nodes beyond entry 44 from the wider tile, and the wider entry replaces the narrow.
        Source source = new Source();
        TileHashReader full = new TileHashReader(512, source, cache);
        assertThat(full.hash(7, 3)).isEqualTo(TREE.hash(7, 3)); // tile 0/1, entries 128..255
        assertThat(source.requests).contains(new TileCoordinates(0, 1, 256));
        assertThat(cache.cachedWidth(0, 1)).isEqualTo(256);
        // A narrower reader afterwards is still answered from the full entry, and correctly.
        TileHashReader again = new TileHashReader(300, new Source(), cache);
        assertThat(again.hash(2, 74)).isEqualTo(TREE.hash(2, 74));
        assertThat(cache.cachedWidth(0, 1)).isEqualTo(256);
    }

    @Test
    void cachedNodesAreServedWithoutReadingTilesAgain() {
        TileInteriorCache cache = new TileInteriorCache(16);
        new TileHashReader(70_000, new Source(), cache).hash(7, 10); // leaves 1280..1407: tile 0/5
        Source source = new Source();
        TileHashReader reader = new TileHashReader(70_000, source, cache);
        for (int height = 1; height < 8; height++) {
            long first = (5L * 256) >> height;
            long last = (6L * 256 >> height) - 1;
            assertThat(reader.hash(height, first)).isEqualTo(TREE.hash(height, first));
            assertThat(reader.hash(height, last)).isEqualTo(TREE.hash(height, last));
        }
        assertThat(source.requests).isEmpty();
    }

    @Test
    void staysWithinItsBound() throws FormatException {
        TileInteriorCache cache = new TileInteriorCache(4);
        long size = 70_000;
        TileHashReader reader = new TileHashReader(size, new Source(), cache);
        Random random = new Random(5);
        for (int k = 0; k < 200; k++) {
            long index = Math.floorMod(random.nextLong(), size);
            assertThat(reader.inclusionProof(index, TREE.root(size))).isEqualTo(TREE.inclusionProof(index, size));
            assertThat(cache.size()).isBetween(1, 4);
        }
        assertThatThrownBy(() -> new TileInteriorCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrongKnownRootFailsTheSelfCheck() {
        long size = 1000;
        Bytes wrong = RfcReference.flip(TREE.root(size), 3);
        TileHashReader reader = new TileHashReader(size, new Source(), new TileInteriorCache(16));
        assertThatThrownBy(() -> reader.inclusionProof(513, wrong)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> reader.consistencyProof(10, wrong)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Proofs.inclusion(5, size, TREE, wrong)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Proofs.consistency(10, size, TREE, wrong)).isInstanceOf(IllegalStateException.class);
        assertThat(Proofs.inclusion(5, size, TREE, TREE.root(size))).isEqualTo(TREE.inclusionProof(5, size));
    }
}
