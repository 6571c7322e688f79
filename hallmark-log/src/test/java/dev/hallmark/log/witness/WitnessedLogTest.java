package dev.hallmark.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.CosignatureVerifier;
import dev.hallmark.core.note.NoteSignature;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.storage.LogStorages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with a {@link WitnessCosigner} in front of publication, against two real tlog-witnesses over HTTP on
 * 127.0.0.1 and a SQLite log in a temp dir (issue 3, witnessing; sigstore.md §4.4).
 */
class WitnessedLogTest {
    static final String ORIGIN = "log.hallmark.test";
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final InstantSource CLOCK = InstantSource.fixed(NOW);

    @TempDir
    Path dir;
    NoteSigner logSigner;
    TestWitness w1;
    TestWitness w2;

    @BeforeEach
    void witnesses() throws Exception {
        logSigner = NoteSigner.of(ORIGIN, Signer.generate(SignatureAlgorithm.ED25519));
        w1 = new TestWitness("witness.test/one", logSigner.verifier(), CLOCK, dir).start();
        w2 = new TestWitness("witness.test/two", logSigner.verifier(), CLOCK, dir).start();
    }

    @AfterEach
    void stopWitnesses() {
        w1.stop();
        w2.stop();
    }

    WitnessPolicy policy(String quorum) throws Exception {
        return WitnessPolicy.parse(w1.policyLine("w1") + w2.policyLine("w2") + "quorum " + quorum + "\n");
    }

    LogEngine engine(Cosigner cosigner) throws Exception {
        return LogEngine.builder(LogStorages.open(null, dir.resolve("log"), "witnessed"), logSigner, ORIGIN, CLOCK)
                .maxBatchAge(Duration.ofMillis(1)).pollInterval(Duration.ofMillis(20)).cosigner(cosigner).build()
                .start();
    }

    static WitnessCosigner cosigner(WitnessPolicy policy) {
        return WitnessCosigner.overHttp(policy, Duration.ofSeconds(10));
    }

    static long add(LogEngine engine, String entry) throws Exception {
        AddOutcome outcome = engine.add(Bytes.utf8(entry)).get(30, TimeUnit.SECONDS);
        return outcome.index();
    }

    static PublishedCheckpoint covering(LogEngine engine, long index) throws Exception {
        return engine.checkpointCovering(index).get(30, TimeUnit.SECONDS);
    }

    /** Asserts the log's own signature still verifies, and returns the witnesses' cosignature timestamps. */
    static List<Long> cosignatureTimes(PublishedCheckpoint published, NoteVerifier log, TestWitness... witnesses)
            throws Exception {
        SignedNote note = published.note();
        assertThat(note.verify(List.of(log))).containsExactly(log);
        List<Long> times = new ArrayList<>();
        for (TestWitness w : witnesses) {
            times.add(((CosignatureVerifier) w.vkey().verifier()).verify(note));
        }
        return times;
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }

    @Test
    void quorumOfTwoPublishesBothVerifiedCosignatures() throws Exception {
        try (LogEngine engine = engine(cosigner(policy("2")))) {
            PublishedCheckpoint empty = engine.latestCheckpoint();
            assertThat(empty.size()).isZero();
            assertThat(cosignatureTimes(empty, logSigner.verifier(), w1, w2)).containsOnly(NOW.getEpochSecond());
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = add(engine, "{\"n\":" + i + "}");
            }
            PublishedCheckpoint published = covering(engine, last);
            assertThat(published.note().signatures()).hasSize(3);
            assertThat(cosignatureTimes(published, logSigner.verifier(), w1, w2)).containsOnly(NOW.getEpochSecond());
            assertThat(w1.stored().size()).isEqualTo(published.size());
            assertThat(w2.stored().root()).isEqualTo(published.checkpoint().rootHash());
        }
        try (LogEngine reopened = engine(cosigner(policy("2")))) { // served from storage with its cosignatures
            PublishedCheckpoint again = reopened.latestCheckpoint();
            assertThat(again.size()).isEqualTo(5);
            assertThat(cosignatureTimes(again, logSigner.verifier(), w1, w2)).hasSize(2);
        }
    }

    @Test
    void downWitnessWithholdsCheckpointsUntilItIsBack() throws Exception {
        try (LogEngine engine = engine(cosigner(policy("w1 w2")))) {
            long first = add(engine, "{\"n\":0}");
            assertThat(covering(engine, first).size()).isEqualTo(1);
            w2.stop();
            int before = w1.cosigned.get();
            long second = add(engine, "{\"n\":1}"); // durable and acknowledged with its index...
            assertThat(second).isEqualTo(1);
            CompletableFuture<PublishedCheckpoint> waiting = engine.checkpointCovering(second);
            eventually(() -> w1.cosigned.get() >= before + 3); // ...and several rounds tried to publish it
            assertThat(waiting).isNotDone();
            assertThat(engine.latestCheckpoint().size()).isEqualTo(1);
            assertThat(w1.stored().size()).isEqualTo(2); // w1 cosigned size 2, but one of two is not a quorum

            w2.start();
            PublishedCheckpoint published = waiting.get(30, TimeUnit.SECONDS);
            assertThat(published.size()).isEqualTo(2);
            assertThat(cosignatureTimes(published, logSigner.verifier(), w1, w2)).hasSize(2);
            assertThat(w2.stored().size()).isEqualTo(2);
        }
    }

    @Test
    void failOpenPublishesWithoutTheDownWitness() throws Exception {
        w2.stop();
        try (LogEngine engine = engine(cosigner(policy("2").withFailOpen(true)))) {
            PublishedCheckpoint published = covering(engine, add(engine, "{\"n\":0}"));
            assertThat(published.size()).isEqualTo(1);
            assertThat(cosignatureTimes(published, logSigner.verifier(), w1)).hasSize(1);
            assertThat(published.note().signatures()).extracting(NoteSignature::name)
                    .containsExactly(ORIGIN, w1.vkey().name());
        }
    }

    @Test
    void badCosignatureIsDroppedAndNotCounted() throws Exception {
        w2.corrupt = true;
        WitnessCosigner cosigner = cosigner(policy("1"));
        try (LogEngine engine = engine(cosigner)) {
            PublishedCheckpoint published = covering(engine, add(engine, "{\"n\":0}"));
            assertThat(published.note().signatures()).extracting(NoteSignature::name)
                    .containsExactly(ORIGIN, w1.vkey().name());
            assertThat(w2.cosigned.get()).isPositive(); // it answered 200, with a line that does not verify
        }
        WitnessCosigner strict = cosigner(policy("2"));
        SignedNote note = logSigner.signNote(new Checkpoint(ORIGIN, 1,
                w1.stored().root()).toNoteText());
        Cosigner.Outcome outcome = strict.cosign(Checkpoint.fromNote(note), note,
                old -> new ConsistencyProof(old, 1, List.of()));
        assertThat(outcome).isInstanceOf(Cosigner.Outcome.Withhold.class);
        assertThat(outcome.cosignedBy()).containsExactly("w1");
    }

    @Test
    void witnessAheadOfTheLogsMemoryAnswers409AndIsRetried() throws Exception {
        try (LogEngine engine = engine(cosigner(policy("2")))) {
            covering(engine, add(engine, "{\"n\":0}"));
        }
        assertThat(w1.conflicts.get()).isZero();
        WitnessCosigner fresh = cosigner(policy("2")); // a restarted log remembers no sizes: it sends old 0
        try (LogEngine engine = engine(fresh)) {
            PublishedCheckpoint published = covering(engine, add(engine, "{\"n\":1}"));
            assertThat(published.size()).isEqualTo(2);
            assertThat(cosignatureTimes(published, logSigner.verifier(), w1, w2)).hasSize(2);
            assertThat(w1.conflicts.get()).isPositive();
            assertThat(fresh.knownSize("w1")).hasValue(2);
        }
    }

    @Test
    void witnessBehindTheLogsMemoryAnswers409AndIsRetried() throws Exception {
        WitnessCosigner cosigner = cosigner(policy("2"));
        try (LogEngine engine = engine(cosigner)) {
            covering(engine, add(engine, "{\"n\":0}"));
            assertThat(cosigner.knownSize("w2")).hasValue(1);
            w2.store(0, MerkleHash.emptyRoot()); // the witness lost its state
            PublishedCheckpoint published = covering(engine, add(engine, "{\"n\":1}"));
            assertThat(cosignatureTimes(published, logSigner.verifier(), w1, w2)).hasSize(2);
            assertThat(w2.conflicts.get()).isEqualTo(1);
            assertThat(w2.stored().size()).isEqualTo(2);
        }
    }

    @Test
    void noWitnessesPublishesTheLogSignatureAlone() throws Exception {
        try (LogEngine engine = engine(WitnessCosigner.overHttp(WitnessPolicy.none(), Duration.ofSeconds(1)))) {
            PublishedCheckpoint published = covering(engine, add(engine, "{\"n\":0}"));
            assertThat(published.note().signatures()).extracting(NoteSignature::name).containsExactly(ORIGIN);
            assertThat(w1.cosigned.get() + w2.cosigned.get()).isZero();
        }
    }
}
