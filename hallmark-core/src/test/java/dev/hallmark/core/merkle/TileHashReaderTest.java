package dev.hallmark.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Roots and proofs rebuilt from tiles equal the ones of the full in-memory tree, across the 256 and 65536 edges. */
class TileHashReaderTest {
    private static final InMemoryMerkleTree TREE = RfcReference.syntheticTree(70_100);

    /** Serves exactly the tiles that exist for {@code size}, and records what was asked for. */
    private static final class Server implements TileHashReader.TileSource {
        final Set<TileCoordinates> served;
        final List<TileCoordinates> requests = new ArrayList<>();

        Server(long size) {
            served = new HashSet<>(TileCoordinates.forTreeSize(size));
        }

        @Override
        public Bytes tile(TileCoordinates tile) {
            requests.add(tile);
            return served.contains(tile) ? tile.content(TREE) : null;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 255, 256, 257, 511, 512, 513, 4097, 65535, 65536, 65537, 65536 + 256, 70_000, 70_100})
    void rootFromTilesEqualsTheTreeRoot(long size) throws Exception {
        Server server = new Server(size);
        TileHashReader reader = new TileHashReader(size, server);
        assertThat(reader.root()).isEqualTo(TREE.root(size));
        assertThat(server.served).containsAll(server.requests);
        Random random = new Random(size);
        for (int k = 0; k < 40; k++) {
            long index = k == 0 ? size - 1 : Math.floorMod(random.nextLong(), size);
            InclusionProof proof = reader.inclusionProof(index);
            assertThat(proof).isEqualTo(TREE.inclusionProof(index, size));
            proof.verify(RfcReference.syntheticLeaf(index), reader.root());
            long old = Math.floorMod(random.nextLong(), size + 1);
            assertThat(reader.consistencyProof(old)).isEqualTo(TREE.consistencyProof(old, size));
        }
    }

    @Test
    void subtreesAboveLevel8AreReadFromHigherTiles() {
        long size = 70_000;
        TileHashReader reader = new TileHashReader(size, new Server(size));
        for (int level : new int[] {7, 8, 9, 12, 15, 16}) {
            for (long index = 0; index < (size >>> level); index++) {
                assertThat(reader.hash(level, index)).as("level %d index %d", level, index)
                        .isEqualTo(TREE.hash(level, index));
            }
        }
        assertThatThrownBy(() -> reader.hash(17, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.hash(0, size)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tileContentIsTheConcatenatedSubtreeHashes() {
        Bytes tile = new TileCoordinates(1, 0, 256).content(TREE);
        assertThat(tile.length()).isEqualTo(256 * 32);
        assertThat(tile.slice(32 * 5, 32 * 6)).isEqualTo(TREE.hash(8, 5));
    }

    @Test
    void missingOrMalformedTilesAreFormatErrors() {
        TileHashReader missing = new TileHashReader(300, t -> null);
        assertThatThrownBy(missing::root).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> missing.hash(0, 0)).isInstanceOf(TileHashReader.BadTileException.class);
        TileHashReader shortTiles = new TileHashReader(300, t -> t.content(TREE).slice(0, 32 * t.width() - 1));
        assertThatThrownBy(shortTiles::root).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> shortTiles.inclusionProof(3)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> shortTiles.consistencyProof(3)).isInstanceOf(FormatException.class);
    }

    @Test
    void tamperedTilesAreDetected() throws FormatException {
        long size = 1000;
        // Tile 0/3 is partial (leaves 768..999), so the root is hashed up from it and changes.
        assertThat(tampered(size, 3).root()).isNotEqualTo(TREE.root(size));
        // Tile 0/2 is full: the root takes its hash from tile 1/0, but a proof through the tile no longer adds up.
        TileHashReader reader = tampered(size, 2);
        assertThat(reader.root()).isEqualTo(TREE.root(size));
        assertThatThrownBy(() -> reader.inclusionProof(513)).isInstanceOf(FormatException.class);
    }

    private static TileHashReader tampered(long size, long level0Tile) {
        return new TileHashReader(size, t -> {
            Bytes content = t.content(TREE);
            return t.level() == 0 && t.index() == level0Tile ? RfcReference.flip(content, 77) : content;
        });
    }
}
