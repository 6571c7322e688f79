package dev.hallmark.log.engine;

import static dev.hallmark.log.engine.EngineFixture.NOW;
import static dev.hallmark.log.engine.EngineFixture.ORIGIN;
import static dev.hallmark.log.engine.EngineFixture.SIGNER;
import static dev.hallmark.log.engine.EngineFixture.addAll;
import static dev.hallmark.log.engine.EngineFixture.await;
import static dev.hallmark.log.engine.EngineFixture.covering;
import static dev.hallmark.log.engine.EngineFixture.entries;
import static dev.hallmark.log.engine.EngineFixture.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogOverloadedException;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.TreeState;
import dev.hallmark.log.storage.TreeUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine's behaviour, run against every storage driver (DESIGN "every storage test runs against both"): ordering
 * and acknowledgement, durability across reopen, dedup, pushback, limits, recovery, and two engines on one store.
 * The proofs of a 3,000-entry log are in {@link AbstractLogProofsTest}. Each test uses its own log name, so the logs
 * of one class share a database exactly as the Rekor and CT logs do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractLogEngineTest {
    protected abstract TestStores stores();

    @AfterAll
    void dropStores() {
        stores().drop();
    }

    private LogStorage open(TestInfo test) throws LogStorageException {
        return stores().open(test.getTestMethod().orElseThrow().getName().toLowerCase());
    }

    @Test
    void newLogPublishesTheEmptyTree(TestInfo test) throws Exception {
        try (LogEngine engine = started(open(test))) {
            PublishedCheckpoint cp = engine.latestCheckpoint();
            assertThat(cp.size()).isZero();
            assertThat(cp.checkpoint().rootHash()).isEqualTo(MerkleHash.emptyRoot());
            assertThat(cp.note().verifyCheckpoint(List.of(SIGNER.verifier())).origin()).isEqualTo(ORIGIN);
            assertThat(engine.entry(0)).isEmpty();
        }
    }

    @Test
    void addsFromOneThreadGetConsecutiveIndicesInOrder(TestInfo test) throws Exception {
        List<Bytes> data = entries("order", 600);
        try (LogEngine engine = started(open(test))) {
            List<AddOutcome> outcomes = addAll(engine, data);
            for (int i = 0; i < data.size(); i++) {
                assertThat(outcomes.get(i)).isEqualTo(new AddOutcome.Added(i, Instant.ofEpochSecond(NOW.getEpochSecond())));
            }
            PublishedCheckpoint cp = covering(engine, 600);
            assertThat(cp.size()).isEqualTo(600);
            assertThat(cp.checkpoint().rootHash()).isEqualTo(referenceRoot(data));
            for (int i = 0; i < data.size(); i += 37) {
                assertThat(engine.entry(i)).contains(new LoggedEntry(i, data.get(i), outcomes.get(i).integratedTime()));
                assertThat(engine.indexOf(MerkleHash.leafHash(data.get(i)))).contains((long) i);
            }
        }
    }

    @Test
    void reopenedLogHasTheSameStateAndStillDeduplicates(TestInfo test) throws Exception {
        List<Bytes> data = entries("durable", 300);
        PublishedCheckpoint before;
        try (LogEngine engine = started(open(test))) {
            addAll(engine, data);
            before = covering(engine, 300);
        }
        try (LogEngine engine = started(open(test))) {
            assertThat(engine.latestCheckpoint().text()).isEqualTo(before.text());
            assertThat(engine.entry(299).orElseThrow().data()).isEqualTo(data.get(299));
            AddOutcome again = await(engine.add(data.get(17)));
            assertThat(again).isEqualTo(new AddOutcome.Duplicate(17, Instant.ofEpochSecond(NOW.getEpochSecond())));
            AddOutcome next = await(engine.add(Bytes.utf8("after reopen")));
            assertThat(next).isInstanceOf(AddOutcome.Added.class);
            assertThat(next.index()).isEqualTo(300);
            assertThat(covering(engine, 301).size()).isEqualTo(301);
        }
    }

    @Test
    void concurrentDuplicatesShareOneIndex(TestInfo test) throws Exception {
        Bytes same = Bytes.utf8("the same entry");
        try (LogEngine engine = started(open(test));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AddOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                futures.add(pool.submit(() -> await(engine.add(n % 2 == 0 ? same : Bytes.utf8("other " + n)))));
            }
            List<AddOutcome> sameOutcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i += 2) {
                sameOutcomes.add(futures.get(i).get());
            }
            for (int i = 1; i < futures.size(); i += 2) {
                assertThat(futures.get(i).get()).isInstanceOf(AddOutcome.Added.class);
            }
            long index = sameOutcomes.getFirst().index();
            assertThat(sameOutcomes).allSatisfy(o -> assertThat(o.index()).isEqualTo(index));
            assertThat(sameOutcomes).filteredOn(o -> o instanceof AddOutcome.Added).hasSize(1);
            assertThat(covering(engine, 33).size()).isEqualTo(33); // 32 distinct others + one copy
            assertThat(engine.entry(index).orElseThrow().data()).isEqualTo(same);
            assertThat(await(engine.add(same))).isEqualTo(new AddOutcome.Duplicate(index, sameOutcomes.getFirst()
                    .integratedTime()));
        }
    }

    @Test
    void fullQueueFailsFastAndLosesNothingAccepted(TestInfo test) throws Exception {
        LogEngine engine = EngineFixture.builder(open(test)).queueCapacity(3).retryAfter(Duration.ofSeconds(7))
                .build();
        try (engine) {
            List<CompletableFuture<AddOutcome>> futures = new ArrayList<>();
            for (Bytes e : entries("overload", 5)) { // not started yet: nothing drains the queue
                futures.add(engine.add(e));
            }
            assertThat(futures.subList(3, 5)).allSatisfy(f -> assertThatThrownBy(f::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(LogOverloadedException.class,
                            o -> assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(7))));
            engine.start();
            for (int i = 0; i < 3; i++) {
                assertThat(await(futures.get(i)).index()).isEqualTo(i);
            }
            assertThat(covering(engine, 3).size()).isEqualTo(3);
        }
    }

    @Test
    void entryTooLongForAnEntryBundleIsRejected(TestInfo test) throws Exception {
        try (LogEngine engine = started(open(test))) {
            CompletableFuture<AddOutcome> tooLong = engine.add(Bytes.of(new byte[65536]));
            assertThatThrownBy(tooLong::get).cause().isInstanceOf(IllegalArgumentException.class);
            Bytes longest = Bytes.of(new byte[65535]);
            assertThat(await(engine.add(longest)).index()).isZero();
            covering(engine, 1);
            assertThat(engine.tile("tile/entries/000.p/1").orElseThrow().length()).isEqualTo(65537);
            assertThat(engine.entry(0).orElseThrow().data()).isEqualTo(longest);
        }
    }

    @Test
    void closeAnswersQueuedAddsAndRefusesNewOnes(TestInfo test) throws Exception {
        LogEngine engine = EngineFixture.builder(open(test)).maxBatchAge(Duration.ofMillis(50)).build().start();
        List<CompletableFuture<AddOutcome>> futures = new ArrayList<>();
        for (Bytes e : entries("closing", 50)) {
            futures.add(engine.add(e));
        }
        CompletableFuture<PublishedCheckpoint> far = engine.checkpointCovering(1_000);
        engine.close();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(futures.stream().map(CompletableFuture::join).map(AddOutcome::index)).hasSize(50);
        assertThatThrownBy(far::get).cause().isInstanceOf(LogStorageException.class);
        assertThatThrownBy(() -> engine.add(Bytes.utf8("late")).get()).cause()
                .isInstanceOf(LogStorageException.class);
        try (LogEngine reopened = started(open(test))) {
            assertThat(reopened.latestCheckpoint().size()).isEqualTo(50); // integrated before close returned
        }
    }

    @Test
    void entriesSequencedButNotIntegratedAreIntegratedAtStart(TestInfo test) throws Exception {
        List<Bytes> data = entries("recover", 700);
        try (LogStorage storage = open(test)) { // a crash after sequencing, before integration
            List<LogStorage.PendingEntry> pending = data.stream()
                    .map(d -> new LogStorage.PendingEntry(MerkleHash.leafHash(d), d)).toList();
            storage.sequence(pending, NOW);
        }
        try (LogEngine engine = started(open(test))) {
            PublishedCheckpoint cp = engine.latestCheckpoint();
            assertThat(cp.size()).isEqualTo(700);
            assertThat(cp.checkpoint().rootHash()).isEqualTo(referenceRoot(data));
        }
    }

    @Test
    void twoEnginesOnOneStoreShareIndicesAndOneIntegrator(TestInfo test) throws Exception {
        try (LogEngine first = started(open(test)); LogEngine second = started(open(test))) {
            List<CompletableFuture<AddOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add((i % 2 == 0 ? first : second).add(Bytes.utf8("node entry " + (i / 4))));
            }
            List<Long> indices = new ArrayList<>();
            for (CompletableFuture<AddOutcome> f : futures) {
                indices.add(await(f).index());
            }
            assertThat(indices.stream().distinct()).hasSize(50).allSatisfy(i -> assertThat(i).isBetween(0L, 49L));
            PublishedCheckpoint a = covering(first, 50);
            PublishedCheckpoint b = covering(second, 50);
            assertThat(a.size()).isEqualTo(50);
            assertThat(b.text()).isEqualTo(a.text());
            assertThat(first.inclusionProof(3, 50)).isEqualTo(second.inclusionProof(3, 50));
        }
    }

    @Test
    void readsOutsideThePublishedTreeAreRefused(TestInfo test) throws Exception {
        try (LogEngine engine = started(open(test))) {
            addAll(engine, entries("bounds", 10));
            covering(engine, 10);
            assertThatThrownBy(() -> engine.inclusionProof(10, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.inclusionProof(0, 11)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> engine.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
            assertThat(engine.tile("tile/0/000.p/11")).isEmpty();
            assertThat(engine.tile("tile/0/000")).isEmpty();
            assertThat(engine.tile("tile/1/000.p/1")).isEmpty();
            assertThat(engine.tile("tile/0/0")).isEmpty(); // not canonical
            assertThat(engine.tile("tile/0/000.p/10")).isPresent();
            assertThat(engine.tile("tile/0/000.p/4").orElseThrow())
                    .isEqualTo(engine.tile("tile/0/000.p/10").orElseThrow().slice(0, 4 * 32));
            assertThat(engine.entry(10)).isEmpty();
        }
    }

    @Test
    void publicationIsCompareAndSetOnThePublishedSize(TestInfo test) throws Exception {
        try (LogStorage storage = open(test)) {
            Bytes empty = MerkleHash.emptyRoot();
            String note = SIGNER.signNote(new dev.hallmark.core.note.Checkpoint(ORIGIN, 0, empty).toNoteText())
                    .serialize();
            assertThat(storage.publish(new TreeUpdate(-1, 0, empty, note, List.of()))).isTrue();
            assertThat(storage.publish(new TreeUpdate(-1, 0, empty, note, List.of()))).isFalse(); // a stale integrator
            assertThat(storage.published()).contains(new TreeState(0, empty, note));
        }
    }

    static Bytes referenceRoot(List<Bytes> data) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        data.forEach(d -> tree.append(MerkleHash.leafHash(d)));
        return tree.root();
    }
}
