package dev.hallmark.bench.log;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.storage.ExtraDataStore;
import dev.hallmark.log.storage.IntegratorLease;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.StoredEntry;
import dev.hallmark.log.storage.StoredTile;
import dev.hallmark.log.storage.TreeState;
import dev.hallmark.log.storage.TreeUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link LogStorage} that forwards every call and counts the two durable writes: how many sequencing commits (and
 * so the mean batch size) and publications there were, and the wall time spent in each. That shows where an append's
 * time goes without a profiler: in the sequencer's commit (fsync) or in the integrator's publication.
 */
final class CountingStorage implements LogStorage {
    final LongAdder commits = new LongAdder();
    final LongAdder committedEntries = new LongAdder();
    final LongAdder commitNanos = new LongAdder();
    final LongAdder publications = new LongAdder();
    final LongAdder publishNanos = new LongAdder();
    final LongAccumulator maxCommitNanos = new LongAccumulator(Math::max, 0);
    final LongAccumulator maxPublishNanos = new LongAccumulator(Math::max, 0);
    private final LogStorage delegate;

    CountingStorage(LogStorage delegate) {
        this.delegate = delegate;
    }

    /** Forgets the maxima (at the end of the warm-up). */
    void resetMaxima() {
        maxCommitNanos.reset();
        maxPublishNanos.reset();
    }

    /** A snapshot of the counters, to subtract the warm-up from the measured window. */
    record Counts(long commits, long entries, long commitNanos, long publications, long publishNanos) {
        Counts minus(Counts o) {
            return new Counts(commits - o.commits, entries - o.entries, commitNanos - o.commitNanos,
                    publications - o.publications, publishNanos - o.publishNanos);
        }
    }

    Counts counts() {
        return new Counts(commits.sum(), committedEntries.sum(), commitNanos.sum(), publications.sum(),
                publishNanos.sum());
    }

    @Override
    public String logName() {
        return delegate.logName();
    }

    @Override
    public List<Sequenced> sequence(List<PendingEntry> entries, Instant integratedTime) throws LogStorageException {
        long t0 = System.nanoTime();
        List<Sequenced> out = delegate.sequence(entries, integratedTime);
        long took = System.nanoTime() - t0;
        commitNanos.add(took);
        maxCommitNanos.accumulate(took);
        commits.increment();
        committedEntries.add(entries.size());
        return out;
    }

    @Override
    public long sequencedSize() throws LogStorageException {
        return delegate.sequencedSize();
    }

    @Override
    public Optional<TreeState> published() throws LogStorageException {
        return delegate.published();
    }

    @Override
    public List<StoredEntry> entries(long from, long to) throws LogStorageException {
        return delegate.entries(from, to);
    }

    @Override
    public Optional<StoredEntry> entry(long index) throws LogStorageException {
        return delegate.entry(index);
    }

    @Override
    public Optional<Long> indexOf(Bytes leafHash) throws LogStorageException {
        return delegate.indexOf(leafHash);
    }

    @Override
    public boolean publish(TreeUpdate update) throws LogStorageException {
        long t0 = System.nanoTime();
        boolean done = delegate.publish(update);
        long took = System.nanoTime() - t0;
        publishNanos.add(took);
        maxPublishNanos.accumulate(took);
        publications.increment();
        return done;
    }

    @Override
    public Optional<StoredTile> tile(int level, long index) throws LogStorageException {
        return delegate.tile(level, index);
    }

    @Override
    public IntegratorLease integratorLease() {
        return delegate.integratorLease();
    }

    @Override
    public ExtraDataStore extraData() {
        return delegate.extraData();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
