package dev.hallmark.log.engine;

import static dev.hallmark.log.engine.EngineFixture.ORIGIN;
import static dev.hallmark.log.engine.EngineFixture.SIGNER;
import static dev.hallmark.log.engine.EngineFixture.addAll;
import static dev.hallmark.log.engine.EngineFixture.covering;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.core.merkle.TileHashReader;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.log.PublishedCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Proofs and tiles of one 3,000-entry log, grown in uneven waves (1, 2, 255, 256, 257, … entries) so that its
 * published checkpoints straddle tile boundaries. Every proof is verified with hallmark-core against roots computed
 * independently by {@link InMemoryMerkleTree}. Consistency proofs: every pair of sizes up to 300, every (m, 3000), and
 * 20,000 seeded random pairs on both stores; every one of the 4.5 million pairs on the embedded store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractLogProofsTest {
    private static final int[] WAVES = {1, 1, 2, 5, 120, 127, 255, 1, 256, 257, 300, 512, 420, 743};
    private static final int SIZE = 3000;

    private final List<Bytes> data = EngineFixture.entries("proofs", SIZE);
    private final InMemoryMerkleTree reference = new InMemoryMerkleTree();
    private final List<PublishedCheckpoint> history = new ArrayList<>();
    private LogEngine engine;

    protected abstract TestStores stores();

    @BeforeAll
    void buildLog() throws Exception {
        data.forEach(d -> reference.append(MerkleHash.leafHash(d)));
        engine = EngineFixture.started(stores().open("proofs"));
        history.add(engine.latestCheckpoint());
        int size = 0;
        for (int wave : WAVES) {
            addAll(engine, data.subList(size, size + wave));
            size += wave;
            PublishedCheckpoint cp = covering(engine, size);
            history.add(cp);
            // Proofs while the log grows, so the engine's tile-interior cache also holds narrower partial tiles.
            for (long i : new long[] {0, size / 2, size - 1}) {
                assertThat(engine.inclusionProof(i, cp.size())).isEqualTo(reference.inclusionProof(i, cp.size()));
            }
        }
        assertThat(size).isEqualTo(SIZE);
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
        stores().drop();
    }

    @Test
    void everyCheckpointIsSignedAndConsistentWithEveryEarlierOne() throws Exception {
        for (int j = 0; j < history.size(); j++) {
            PublishedCheckpoint later = history.get(j);
            Checkpoint verified = later.note().verifyCheckpoint(List.of(SIGNER.verifier()));
            assertThat(verified).isEqualTo(later.checkpoint());
            assertThat(verified.origin()).isEqualTo(ORIGIN);
            assertThat(verified.rootHash()).isEqualTo(reference.root(verified.size()));
            for (int i = 0; i < j; i++) {
                Checkpoint earlier = history.get(i).checkpoint();
                engine.consistencyProof(earlier.size(), verified.size()).verify(earlier.rootHash(), verified.rootHash());
            }
        }
        assertThat(history.getLast().size()).isEqualTo(SIZE);
    }

    @Test
    void inclusionProofForEveryIndexVerifiesAtEveryCheckpoint() throws Exception {
        int checked = 0;
        for (PublishedCheckpoint cp : history) {
            for (long i = 0; i < cp.size(); i++) {
                InclusionProof proof = engine.inclusionProof(i, cp.size());
                proof.verify(MerkleHash.leafHash(data.get((int) i)), cp.checkpoint().rootHash());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(SIZE);
    }

    @Test
    void consistencyProofsVerifyForAllSmallPairsAllPairsToTheEndAndRandomPairs() throws Exception {
        for (int n = 0; n <= 300; n++) {
            for (int m = 0; m <= n; m++) {
                checkConsistency(m, n);
            }
        }
        for (int m = 0; m <= SIZE; m++) {
            checkConsistency(m, SIZE);
        }
        Random random = new Random(3000);
        for (int k = 0; k < 20_000; k++) {
            int n = random.nextInt(SIZE + 1);
            checkConsistency(random.nextInt(n + 1), n);
        }
    }

    /**
     * Every one of the ~4.5 million pairs of sizes of the 3,000-entry log: run on one store only (it is the same
     * engine code on both), with the roots computed once by the reference tree.
     */
    protected void checkConsistencyForEveryPairOfSizes() throws Exception {
        Bytes[] roots = new Bytes[SIZE + 1];
        for (int n = 0; n <= SIZE; n++) {
            roots[n] = reference.root(n);
        }
        long checked = 0;
        for (int n = 0; n <= SIZE; n++) {
            for (int m = 0; m <= n; m++) {
                engine.consistencyProof(m, n).verify(roots[m], roots[n]);
                checked++;
            }
        }
        assertThat(checked).isEqualTo((long) (SIZE + 1) * (SIZE + 2) / 2);
    }

    private void checkConsistency(int m, int n) throws Exception {
        ConsistencyProof proof = engine.consistencyProof(m, n);
        assertThat(proof.fromSize()).isEqualTo(m);
        proof.verify(reference.root(m), reference.root(n));
    }

    @Test
    void tilesRebuildEveryPublishedRoot() throws Exception {
        for (PublishedCheckpoint cp : history) {
            TileHashReader tiles = new TileHashReader(cp.size(), c -> tile(c.path()));
            assertThat(tiles.root()).isEqualTo(cp.checkpoint().rootHash());
            if (cp.size() > 0) {
                assertThat(tiles.inclusionProof(cp.size() - 1)).isEqualTo(engine.inclusionProof(cp.size() - 1,
                        cp.size()));
            }
        }
    }

    @Test
    void tilesHoldTheSubtreeHashesC2spDefines() throws Exception {
        // 3000 = 11·256 + 184: eleven full level-0 tiles, a partial one of 184, a partial level-1 tile of 11
        assertThat(TileCoordinates.forTreeSize(SIZE)).hasSize(13);
        for (TileCoordinates c : TileCoordinates.forTreeSize(SIZE)) {
            Bytes tile = tile(c.path());
            for (int i = 0; i < c.width(); i++) {
                Bytes expected = reference.hash(8 * c.level(), c.index() * 256 + i);
                assertThat(tile.slice(i * 32, i * 32 + 32)).isEqualTo(expected);
            }
        }
    }

    @Test
    void entryBundlesDecodeToTheLoggedEntries() throws Exception {
        for (PublishedCheckpoint cp : history) {
            for (TileCoordinates c : TileCoordinates.forTreeSize(cp.size())) {
                if (c.level() != 0) {
                    continue;
                }
                Bytes bundle = tile(TilePath.entriesPath(c.index(), c.width()));
                int first = (int) c.index() * 256;
                assertThat(EntryBundleCodec.decode(bundle)).isEqualTo(data.subList(first, first + c.width()));
            }
        }
    }

    private Bytes tile(String path) {
        try {
            return engine.tile(path).orElseThrow(() -> new AssertionError("no tile " + path));
        } catch (dev.hallmark.log.LogStorageException e) {
            throw new AssertionError(e);
        }
    }
}
