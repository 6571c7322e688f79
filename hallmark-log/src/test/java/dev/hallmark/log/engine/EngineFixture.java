package dev.hallmark.log.engine;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.storage.LogStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared test setup: one checkpoint key, a fixed clock, and fast batching. */
final class EngineFixture {
    static final String ORIGIN = "log.hallmark.test";
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00.500Z");
    static final InstantSource CLOCK = InstantSource.fixed(NOW);
    static final NoteSigner SIGNER = signer();

    private EngineFixture() {
    }

    private static NoteSigner signer() {
        try {
            return NoteSigner.of(ORIGIN, Signer.generate(SignatureAlgorithm.ED25519));
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static LogEngineBuilder builder(LogStorage storage) {
        return LogEngine.builder(storage, SIGNER, ORIGIN, CLOCK).maxBatchAge(Duration.ofMillis(1))
                .pollInterval(Duration.ofMillis(20));
    }

    static LogEngine started(LogStorage storage) throws Exception {
        return builder(storage).build().start();
    }

    static <T> T await(CompletableFuture<T> f) throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Adds all entries concurrently and returns their outcomes in input order. */
    static List<AddOutcome> addAll(LogEngine engine, List<Bytes> entries) throws Exception {
        List<CompletableFuture<AddOutcome>> futures = new ArrayList<>();
        for (Bytes e : entries) {
            futures.add(engine.add(e));
        }
        List<AddOutcome> out = new ArrayList<>();
        for (CompletableFuture<AddOutcome> f : futures) {
            out.add(await(f));
        }
        return out;
    }

    /** Waits until a published checkpoint covers {@code size} entries. */
    static PublishedCheckpoint covering(LogEngine engine, long size) throws Exception {
        return size == 0 ? engine.latestCheckpoint() : await(engine.checkpointCovering(size - 1));
    }

    static List<Bytes> entries(String prefix, int n) {
        List<Bytes> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Bytes.utf8("{\"entry\":\"" + prefix + "-" + i + "\"}"));
        }
        return out;
    }
}
