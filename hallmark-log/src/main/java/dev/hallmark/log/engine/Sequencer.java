package dev.hallmark.log.engine;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.LogStorage.PendingEntry;
import dev.hallmark.log.storage.LogStorage.Sequenced;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The log's one sequencer loop (STYLE; Tessera's batching, sigstore.md §4.5): drains the bounded queue into batches of
 * at most {@code maxEntries} requests, waiting at most {@code maxAgeNanos} after the oldest one arrived (with zero, it
 * commits whatever is queued as soon as it is free: group commit). Requests with the same leaf hash in one batch
 * share one entry; {@link LogStorage#sequence} dedups against the log and commits the batch durably; only then are
 * the futures completed. On a storage failure the whole batch fails, and nothing of it was acknowledged.
 */
final class Sequencer implements Runnable {
    private static final System.Logger LOG = System.getLogger(Sequencer.class.getName());

    /** One add() waiting to be sequenced. */
    record Request(Bytes data, Bytes leafHash, CompletableFuture<AddOutcome> future, long enqueuedNanos) {
    }

    private final BlockingQueue<Request> queue;
    private final LogStorage storage;
    private final InstantSource clock;
    private final int maxEntries;
    private final long maxAgeNanos;
    private final BooleanSupplier stopping;
    private final Runnable afterCommit;

    Sequencer(BlockingQueue<Request> queue, LogStorage storage, InstantSource clock, int maxEntries, long maxAgeNanos,
            BooleanSupplier stopping, Runnable afterCommit) {
        this.queue = queue;
        this.storage = storage;
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAgeNanos;
        this.stopping = stopping;
        this.afterCommit = afterCommit;
    }

    /** Runs until stopping and the queue is empty, so that every accepted request is answered. */
    @Override
    public void run() {
        while (true) {
            Request first;
            try {
                first = queue.poll(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = queue.poll();
                if (first == null) {
                    return;
                }
            }
            if (first == null) {
                // An add may have slipped in between the poll and the stop flag: answer it before leaving.
                if (stopping.getAsBoolean() && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            sequence(collect(first));
        }
    }

    private List<Request> collect(Request first) {
        List<Request> batch = new ArrayList<>(Math.min(maxEntries, 1024));
        batch.add(first);
        queue.drainTo(batch, maxEntries - 1);
        long deadline = first.enqueuedNanos() + maxAgeNanos;
        while (batch.size() < maxEntries && !stopping.getAsBoolean()) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                break;
            }
            try {
                Request next = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, maxEntries - batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return batch;
    }

    private void sequence(List<Request> batch) {
        Map<Bytes, List<Request>> byLeaf = new LinkedHashMap<>();
        for (Request r : batch) {
            byLeaf.computeIfAbsent(r.leafHash(), k -> new ArrayList<>(1)).add(r);
        }
        List<PendingEntry> pending = new ArrayList<>(byLeaf.size());
        byLeaf.forEach((leaf, requests) -> pending.add(new PendingEntry(leaf, requests.getFirst().data())));
        // Rekor's integratedTime has seconds precision; one time per batch.
        Instant time = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        List<Sequenced> results;
        try {
            results = storage.sequence(pending, time);
        } catch (LogStorageException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "sequencing a batch of " + batch.size() + " failed", e);
            LogStorageException failure = e instanceof LogStorageException l ? l
                    : new LogStorageException("sequencing failed", e);
            batch.forEach(r -> r.future().completeExceptionally(failure));
            return;
        }
        int i = 0;
        for (List<Request> requests : byLeaf.values()) {
            Sequenced s = results.get(i++);
            boolean first = true;
            for (Request r : requests) {
                r.future().complete(first && !s.duplicate() ? new AddOutcome.Added(s.index(), s.integratedTime())
                        : new AddOutcome.Duplicate(s.index(), s.integratedTime()));
                first = false;
            }
        }
        afterCommit.run();
    }
}
