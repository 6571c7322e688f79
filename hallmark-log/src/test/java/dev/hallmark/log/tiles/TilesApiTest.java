package dev.hallmark.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.core.merkle.TileHashReader;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.rekor.InMemoryTestLog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tlog-tiles read API over a log of 300 entries: one full and one partial level-0 tile, a partial level-1 tile. */
class TilesApiTest {
    private static final String ORIGIN = "tiles.test.hallmark";
    private static final int SIZE = 300;
    private final Signer key = Signer.generate(SignatureAlgorithm.ED25519);
    private NoteSigner signer;
    private InMemoryTestLog log;
    private TilesApi api;
    private final List<Bytes> entries = new ArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        signer = NoteSigner.of(ORIGIN, key);
        log = new InMemoryTestLog(ORIGIN, signer, InstantSource.fixed(Instant.parse("2026-03-01T00:00:00Z")));
        api = new TilesApi(log);
        log.autoPublish(false);
        for (int i = 0; i < SIZE; i++) {
            Bytes entry = Bytes.utf8("entry " + i);
            entries.add(entry);
            log.add(entry).join();
        }
        log.publish();
    }

    @Test
    void checkpointIsTheSignedNoteAndIsRevalidated() throws Exception {
        LogApiResponse response = api.get("checkpoint");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.header("Cache-Control")).contains("no-cache");
        Checkpoint checkpoint = SignedNote.parse(response.bodyText()).verifyCheckpoint(List.of(signer.verifier()));
        assertThat(checkpoint.size()).isEqualTo(SIZE);
    }

    @Test
    void fullTilesAreImmutablePartialTilesCachedBriefly() {
        LogApiResponse full = api.get("tile/0/000");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.contentType()).isEqualTo("application/octet-stream");
        assertThat(full.header("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(full.body().length()).isEqualTo(256 * 32);

        LogApiResponse partial = api.get("tile/0/001.p/44");
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.header("Cache-Control")).contains("public, max-age=60");
        assertThat(partial.body().length()).isEqualTo(44 * 32);
        assertThat(api.get("tile/1/000.p/1").body().length()).isEqualTo(32);
    }

    @Test
    void entryBundlesHoldTheEntriesWithU16Lengths() {
        LogApiResponse bundle = api.get("tile/entries/001.p/44");
        assertThat(bundle.status()).isEqualTo(200);
        byte[] bytes = bundle.body().toArray();
        int offset = 0;
        for (int i = 256; i < SIZE; i++) {
            int length = ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
            assertThat(Bytes.of(bytes, offset + 2, length)).isEqualTo(entries.get(i));
            offset += 2 + length;
        }
        assertThat(offset).isEqualTo(bytes.length);
        assertThat(api.get("tile/entries/000").header("Cache-Control")).contains(TilesApi.FULL_TILE_CACHE);
    }

    /** A client rebuilds the checkpoint's root, and proves an entry, from the served tiles alone. */
    @Test
    void servedTilesRebuildTheCheckpointRoot() throws Exception {
        Checkpoint checkpoint = Checkpoint.fromNote(SignedNote.parse(api.checkpoint().bodyText()));
        TileHashReader reader = new TileHashReader(checkpoint.size(), tile -> {
            LogApiResponse r = api.tile(tile.path());
            return r.status() == 200 ? r.body() : null;
        });
        assertThat(reader.root()).isEqualTo(checkpoint.rootHash());
        InMemoryMerkleTree reference = new InMemoryMerkleTree();
        entries.forEach(e -> reference.appendLeaf(e.toArray()));
        assertThat(reader.root()).isEqualTo(reference.root());
        reader.inclusionProof(299).verify(MerkleHash.leafHash(entries.get(299)), checkpoint.rootHash());
        for (TileCoordinates tile : TileCoordinates.forTreeSize(SIZE)) {
            assertThat(api.tile(tile.path()).status()).as(tile.path()).isEqualTo(200);
            if (tile.level() == 0) {
                assertThat(api.tile(TilePath.entriesPath(tile.index(), tile.width())).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void anythingElseIs404() {
        for (String path : new String[] {"tile/0/002", "tile/0/001", "tile/0/001.p/43", "tile/0/001.p/45", "tile/2/000.p/1",
                "tile/0/0", "tile/00/000", "tile/entries/002", "tile/0/000/", "checkpoints", "", "../etc/passwd"}) {
            LogApiResponse response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
        }
    }
}
