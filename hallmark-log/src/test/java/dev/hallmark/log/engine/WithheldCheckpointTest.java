package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.storage.LogStorages;
import dev.hallmark.log.witness.Cosigner;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While witnesses withhold checkpoints, waiting writers and retries stay bounded (security review F1, F2). */
class WithheldCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aWriterThatGivesUpLeavesNoWaiterBehind() throws Exception {
        AtomicBoolean withhold = new AtomicBoolean(false);
        Cosigner flaky = (checkpoint, note, prover) -> withhold.get()
                ? new Cosigner.Outcome.Withhold(List.of(), "quorum not met")
                : new Cosigner.Outcome.Publish(note, List.of());
        try (LogEngine engine = EngineFixture.builder(LogStorages.open(null, dir, "waiters")).cosigner(flaky).build().start()) {
            withhold.set(true);
            for (int i = 0; i < 50; i++) {
                long index = engine.add(Bytes.utf8("{\"e\":" + i + "}")).get(30, TimeUnit.SECONDS).index();
                CompletableFuture<PublishedCheckpoint> f = engine.checkpointCovering(index);
                assertThatThrownBy(() -> f.get(1, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
                f.cancel(false);
            }
            assertThat(waiting(engine)).isZero();
        }
    }

    @Test
    void aWithheldCheckpointIsRetriedWithBackoff() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicBoolean withhold = new AtomicBoolean(false);
        Cosigner counting = (checkpoint, note, prover) -> {
            if (!withhold.get()) {
                return new Cosigner.Outcome.Publish(note, List.of());
            }
            asked.incrementAndGet();
            return new Cosigner.Outcome.Withhold(List.of(), "quorum not met");
        };
        try (LogEngine engine = LogEngine.builder(LogStorages.open(null, dir, "backoff"), EngineFixture.SIGNER,
                EngineFixture.ORIGIN, EngineFixture.CLOCK).cosigner(counting).build().start()) { // default 100 ms polls
            withhold.set(true);
            engine.add(Bytes.utf8("{\"e\":1}")).get(30, TimeUnit.SECONDS);
            Thread.sleep(2000);
            // 250 + 500 + 1000 ms: a handful of attempts in 2 s, not one per poll (about 20)
            assertThat(asked.get()).isBetween(1, 5);
            withhold.set(false);
            assertThat(engine.checkpointCovering(0).get(10, TimeUnit.SECONDS).size()).isEqualTo(1);
        }
    }

    @Test
    void anEntryTooLargeForAnEntryBundleIsRefused() throws Exception {
        try (LogEngine engine = EngineFixture.builder(LogStorages.open(null, dir, "large")).build().start()) {
            assertThatThrownBy(() -> engine.add(Bytes.of(new byte[LogAppender.MAX_ENTRY_BYTES + 1])).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static int waiting(LogEngine engine) throws Exception {
        Field checkpoints = LogEngine.class.getDeclaredField("checkpoints");
        checkpoints.setAccessible(true);
        Field waiting = CheckpointWaiters.class.getDeclaredField("waiting");
        waiting.setAccessible(true);
        var map = (TreeMap<Long, List<CompletableFuture<PublishedCheckpoint>>>) waiting.get(checkpoints.get(engine));
        return map.values().stream().mapToInt(List::size).sum();
    }
}
