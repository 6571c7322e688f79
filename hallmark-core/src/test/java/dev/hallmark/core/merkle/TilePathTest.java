package dev.hallmark.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.merkle.TilePath.Kind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TilePathTest {
    @Test
    void indicesAreWrittenInXPrefixedThreeDigitGroups() {
        assertThat(TilePath.encodeIndex(0)).isEqualTo("000");
        assertThat(TilePath.encodeIndex(5)).isEqualTo("005");
        assertThat(TilePath.encodeIndex(999)).isEqualTo("999");
        assertThat(TilePath.encodeIndex(1000)).isEqualTo("x001/000");
        assertThat(TilePath.encodeIndex(1234067)).isEqualTo("x001/x234/067");
        assertThat(TilePath.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
    }

    @Test
    void tileAndEntryPaths() {
        assertThat(TilePath.tilePath(0, 1234067, 256)).isEqualTo("tile/0/x001/x234/067");
        assertThat(TilePath.tilePath(1, 1234067, 8)).isEqualTo("tile/1/x001/x234/067.p/8");
        assertThat(TilePath.tilePath(2, 0, 1)).isEqualTo("tile/2/000.p/1");
        assertThat(TilePath.entriesPath(273, 112)).isEqualTo("tile/entries/273.p/112");
        assertThat(TilePath.entriesPath(1000, 256)).isEqualTo("tile/entries/x001/000");
        assertThat(new TileCoordinates(63, 7, 256).path()).isEqualTo("tile/63/007");
        assertThatThrownBy(() -> TilePath.tilePath(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TilePath.tilePath(0, 0, 257)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TilePath.tilePath(64, 0, 256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesCanonicalPaths() throws FormatException {
        assertThat(TilePath.parse("tile/0/x001/x234/067"))
                .isEqualTo(new TilePath(Kind.HASHES, new TileCoordinates(0, 1234067, 256)));
        assertThat(TilePath.parse("tile/1/x001/x234/067.p/8"))
                .isEqualTo(new TilePath(Kind.HASHES, new TileCoordinates(1, 1234067, 8)));
        assertThat(TilePath.parse("tile/entries/x001/x234/067.p/255"))
                .isEqualTo(new TilePath(Kind.ENTRIES, new TileCoordinates(0, 1234067, 255)));
        assertThat(TilePath.parse("tile/63/000").tile()).isEqualTo(new TileCoordinates(63, 0, 256));
        assertThat(TilePath.parse("tile/10/x009/x223/x372/x036/x854/x775/807").tile().index()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tile", "tile/", "tile/0", "tile/0/", "tiles/0/000", "/tile/0/000", "tile/00/000",
        "tile/01/000", "tile/64/000", "tile/-1/000", "tile/a/000", "tile/0/00", "tile/0/0000", "tile/0/x000/001",
        "tile/0/001/002", "tile/0/x1/002", "tile/0/xx01/002", "tile/0/x001", "tile/0/x001/", "tile/0/000.p/0",
        "tile/0/000.p/256", "tile/0/000.p/08", "tile/0/000.p/", "tile/0/000.p/1/2", "tile/0/000.p/-1",
        "tile/0/x001.p/5/002", "tile/0/00a", "tile/0/+01", "tile/entries/", "tile/entries/0001",
        "tile/1/x010/x000/x000/x000/x000/x000/x000/000", "tile/0/x009/x223/x372/x036/x854/x775/808",
        "tile/0/x999/x999/x999/x999/x999/x999/999", "tile/0/000 ", "tile/0/٠٠٠"})
    void rejectsNonCanonicalOrInvalidPaths(String path) {
        assertThatThrownBy(() -> TilePath.parse(path)).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsNullAndHugePaths() {
        assertThatThrownBy(() -> TilePath.parse(null)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TilePath.parse("tile/0/" + "x001/".repeat(100) + "000"))
                .isInstanceOf(FormatException.class);
    }

    @Property(tries = 2000)
    void hashTilePathsRoundTrip(@ForAll @IntRange(min = 0, max = 63) int level, @ForAll @LongRange(min = 0) long index,
            @ForAll @IntRange(min = 1, max = 256) int width) throws FormatException {
        TilePath tile = new TilePath(Kind.HASHES, new TileCoordinates(level, index, width));
        assertThat(TilePath.parse(tile.path())).isEqualTo(tile);
        TilePath entries = new TilePath(Kind.ENTRIES, new TileCoordinates(0, index, width));
        assertThat(TilePath.parse(entries.path())).isEqualTo(entries);
    }

    @Property(tries = 2000)
    void parsedPathsPrintBackIdentically(@ForAll("paths") String path) {
        try {
            assertThat(TilePath.parse(path).path()).isEqualTo(path);
        } catch (FormatException expected) {
            // most random strings are not tile paths; the property is only about the ones that parse
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> paths() {
        return net.jqwik.api.Arbitraries.strings().withChars("tile/x0123456789.pe").ofMaxLength(30)
                .map(s -> "tile/" + s);
    }
}
