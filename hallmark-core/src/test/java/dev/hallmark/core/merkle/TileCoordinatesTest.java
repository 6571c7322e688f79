package dev.hallmark.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TileCoordinatesTest {
    @Test
    void theSeventyThousandLeafTreeOfTlogTiles() {
        // C2SP tlog-tiles: 273 full level-0 tiles, a partial level-0 tile of width 112, one full level-1 tile, a
        // partial level-1 tile of width 17 and a partial level-2 tile of width 1.
        List<TileCoordinates> tiles = TileCoordinates.forTreeSize(70_000);
        List<TileCoordinates> level0 = tiles.stream().filter(t -> t.level() == 0).toList();
        assertThat(level0).hasSize(274);
        assertThat(level0.stream().filter(TileCoordinates::isFull).map(TileCoordinates::index))
                .containsExactlyElementsOf(LongStream.range(0, 273).boxed().toList());
        assertThat(level0.get(273)).isEqualTo(new TileCoordinates(0, 273, 112));
        assertThat(tiles.stream().filter(t -> t.level() > 0)).containsExactly(new TileCoordinates(1, 0, 256),
                new TileCoordinates(1, 1, 17), new TileCoordinates(2, 0, 1));
        assertThat(level0.get(273).path()).isEqualTo("tile/0/273.p/112");
    }

    @Test
    void aTreeOf256IsOneFullTileAndAPartialParent() {
        assertThat(TileCoordinates.forTreeSize(256))
                .containsExactly(new TileCoordinates(0, 0, 256), new TileCoordinates(1, 0, 1));
        assertThat(TileCoordinates.forTreeSize(0)).isEmpty();
        assertThat(TileCoordinates.forTreeSize(1)).containsExactly(new TileCoordinates(0, 0, 1));
        assertThat(TileCoordinates.forTreeSize(65536)).hasSize(256 + 1 + 1)
                .contains(new TileCoordinates(1, 0, 256), new TileCoordinates(2, 0, 1));
    }

    @Test
    void widthsAndCounts() {
        assertThat(TileCoordinates.hashCount(0, 70_000)).isEqualTo(70_000);
        assertThat(TileCoordinates.hashCount(1, 70_000)).isEqualTo(273);
        assertThat(TileCoordinates.hashCount(2, 70_000)).isEqualTo(1);
        assertThat(TileCoordinates.hashCount(8, Long.MAX_VALUE)).isZero();
        assertThat(TileCoordinates.hashCount(7, Long.MAX_VALUE)).isEqualTo(127);
        assertThat(TileCoordinates.widthAt(0, 272, 70_000)).isEqualTo(256);
        assertThat(TileCoordinates.widthAt(0, 273, 70_000)).isEqualTo(112);
        assertThat(TileCoordinates.widthAt(0, 274, 70_000)).isZero();
        assertThat(TileCoordinates.widthAt(3, 0, 70_000)).isZero();
    }

    @Test
    void changedTilesAreWhatALogWritesWhenItGrows() {
        assertThat(TileCoordinates.changedTiles(70_000, 70_000)).isEmpty();
        assertThat(TileCoordinates.changedTiles(70_000, 70_001)).containsExactly(new TileCoordinates(0, 273, 113));
        assertThat(TileCoordinates.changedTiles(255, 257)).containsExactly(new TileCoordinates(0, 0, 256),
                new TileCoordinates(0, 1, 1), new TileCoordinates(1, 0, 1));
        assertThat(TileCoordinates.changedTiles(0, 70_000)).isEqualTo(TileCoordinates.forTreeSize(70_000));
        // Growing step by step writes every tile of the final tree at its final width.
        long size = 0;
        java.util.Map<String, TileCoordinates> latest = new java.util.HashMap<>();
        for (long next : new long[] {1, 200, 256, 300, 65535, 65536, 65537, 70_000}) {
            TileCoordinates.changedTiles(size, next).forEach(t -> latest.put(t.level() + "/" + t.index(), t));
            size = next;
        }
        assertThat(latest.values()).containsExactlyInAnyOrderElementsOf(TileCoordinates.forTreeSize(70_000));
    }
}
