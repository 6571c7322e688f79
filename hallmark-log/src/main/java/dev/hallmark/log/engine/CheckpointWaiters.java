package dev.hallmark.log.engine;

import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.PublishedCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The latest published checkpoint, and the callers waiting for one that covers an index (Rekor v2 answers a write
 * only once a published checkpoint covers the entry, sigstore.md §4.1). Waiters complete outside the lock.
 */
final class CheckpointWaiters {
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, List<CompletableFuture<PublishedCheckpoint>>> waiting = new TreeMap<>();
    private volatile PublishedCheckpoint latest;
    private boolean closed;
    /** Waiters in {@link #waiting}; bounded, since each is a client holding a request open. */
    private int count;
    static final int MAX_WAITERS = 100_000;

    PublishedCheckpoint latest() {
        return latest;
    }

    CompletableFuture<PublishedCheckpoint> covering(long index) {
        if (index < 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("negative index"));
        }
        lock.lock();
        try {
            PublishedCheckpoint now = latest;
            if (now != null && now.size() > index) {
                return CompletableFuture.completedFuture(now);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new LogStorageException("log is closed"));
            }
            if (count >= MAX_WAITERS) {
                return CompletableFuture.failedFuture(new LogStorageException("too many writers are waiting for a checkpoint"));
            }
            CompletableFuture<PublishedCheckpoint> f = new CompletableFuture<>();
            waiting.computeIfAbsent(index, k -> new ArrayList<>()).add(f);
            count++;
            // A caller that gives up (cancels, times out) leaves no trace behind.
            f.whenComplete((checkpoint, failure) -> {
                if (failure != null) {
                    forget(index, f);
                }
            });
            return f;
        } finally {
            lock.unlock();
        }
    }

    private void forget(long index, CompletableFuture<PublishedCheckpoint> f) {
        lock.lock();
        try {
            List<CompletableFuture<PublishedCheckpoint>> list = waiting.get(index);
            if (list != null && list.remove(f)) {
                count--;
                if (list.isEmpty()) {
                    waiting.remove(index);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code checkpoint} the latest if it is larger, and completes the waiters it covers. */
    void publish(PublishedCheckpoint checkpoint) {
        List<CompletableFuture<PublishedCheckpoint>> ready = new ArrayList<>();
        lock.lock();
        try {
            PublishedCheckpoint now = latest;
            if (now != null && now.size() >= checkpoint.size()) {
                return;
            }
            latest = checkpoint;
            Map<Long, List<CompletableFuture<PublishedCheckpoint>>> covered = waiting.headMap(checkpoint.size());
            covered.values().forEach(ready::addAll);
            count -= ready.size();
            covered.clear();
        } finally {
            lock.unlock();
        }
        ready.forEach(f -> f.complete(checkpoint));
    }

    /** Fails every remaining waiter: the log is shutting down. */
    void close() {
        List<CompletableFuture<PublishedCheckpoint>> rest = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            waiting.values().forEach(rest::addAll);
            waiting.clear();
            count = 0;
        } finally {
            lock.unlock();
        }
        LogStorageException closedError = new LogStorageException("log closed before a checkpoint covered the entry");
        rest.forEach(f -> f.completeExceptionally(closedError));
    }
}
