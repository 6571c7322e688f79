package dev.hallmark.log.engine;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.TileInteriorCache;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogOverloadedException;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.TreeState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A personality-free transparency log (issue 3; Tessera's design, sigstore.md §4.5): {@link #add} puts an entry on a
 * bounded queue (full → {@link LogOverloadedException} at once); one {@link Sequencer} thread batches, dedups and
 * durably sequences the queue, completing futures only after the commit; one {@link Integrator} thread, on the engine
 * holding the storage's integrator lease, turns sequenced entries into C2SP tlog-tiles and a signed checkpoint.
 * Readers ({@link LogReader}) see only the published tree; proofs come from stored tiles and are self-checked.
 *
 * <p>Engines that share a PostgreSQL database all sequence (the log's state row serializes them, so indices stay
 * consecutive and dedup global); only the lease holder integrates, and the others pick up its checkpoints by polling
 * storage every {@code pollInterval}, which also completes their {@link #checkpointCovering} waiters.
 *
 * <p>A {@link dev.hallmark.log.witness.Cosigner} set with {@link LogEngineBuilder#cosigner} runs between signing and
 * publishing each checkpoint (witness cosigning). While it withholds checkpoints (quorum not met), adds are still
 * sequenced, durable and acknowledged with their index, but readers keep seeing the last published tree and
 * {@link #checkpointCovering} waiters keep waiting; at start-up this can mean no checkpoint at all yet.
 *
 * <p>Entries longer than {@value EntryBundleCodec#MAX_ENTRY} bytes cannot be written to an entry bundle (u16 length
 * prefix, sigstore.md §4.2): {@link #add} returns a future failed with {@link IllegalArgumentException}. Futures are
 * completed on the sequencer thread; callers should not run long work in dependent stages.
 */
public final class LogEngine implements LogAppender, LogReader, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogEngine.class.getName());

    private final LogStorage storage;
    private final BlockingQueue<Sequencer.Request> queue;
    private final Duration retryAfter;
    private final Duration pollInterval;
    private final CheckpointWaiters checkpoints = new CheckpointWaiters();
    private final TreeReader reader;
    private final Integrator integrator;
    private final Sequencer sequencer;
    private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closing;
    private volatile boolean stopIntegrator;
    private Thread sequencerThread;
    private Thread integratorThread;

    LogEngine(LogEngineBuilder b) {
        this.storage = b.storage;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        this.retryAfter = b.retryAfter;
        this.pollInterval = b.pollInterval;
        TileCache tiles = new TileCache(storage, b.cachedTiles);
        this.reader = new TreeReader(tiles, new TileInteriorCache(b.cachedTileInteriors));
        this.integrator = new Integrator(storage, tiles, b.signer, b.origin, b.maxIntegrationStep, b.cosigner,
                checkpoints::publish);
        this.sequencer = new Sequencer(queue, storage, b.clock, b.maxBatchEntries, b.maxBatchAge.toNanos(),
                () -> closing, wake::release);
    }

    public static LogEngineBuilder builder(LogStorage storage, NoteSigner signer, String origin, InstantSource clock) {
        return new LogEngineBuilder(storage, signer, origin, clock);
    }

    /**
     * Recovers and starts: integrates whatever was sequenced but not yet integrated (or publishes the empty tree of
     * a new log), loads the published checkpoint, then starts the sequencer and integrator threads.
     */
    public synchronized LogEngine start() throws LogStorageException {
        if (sequencerThread != null) {
            throw new IllegalStateException("already started");
        }
        integrator.round();
        refresh();
        sequencerThread = Thread.ofPlatform().name("log-sequencer-" + storage.logName()).start(sequencer);
        integratorThread = Thread.ofPlatform().name("log-integrator-" + storage.logName()).start(this::integrate);
        return this;
    }

    @Override
    public CompletableFuture<AddOutcome> add(Bytes entry) {
        if (entry.length() > EntryBundleCodec.MAX_ENTRY) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "entry of " + entry.length() + " bytes exceeds " + EntryBundleCodec.MAX_ENTRY));
        }
        Bytes leaf = MerkleHash.leafHash(entry);
        CompletableFuture<AddOutcome> future = new CompletableFuture<>();
        admission.readLock().lock();
        try {
            if (closing) {
                return CompletableFuture.failedFuture(new LogStorageException("log is closed"));
            }
            if (!queue.offer(new Sequencer.Request(entry, leaf, future, System.nanoTime()))) {
                return CompletableFuture.failedFuture(new LogOverloadedException(retryAfter));
            }
        } finally {
            admission.readLock().unlock();
        }
        return future;
    }

    @Override
    public PublishedCheckpoint latestCheckpoint() throws LogStorageException {
        PublishedCheckpoint latest = checkpoints.latest();
        if (latest == null) {
            throw new LogStorageException("no checkpoint has been published yet");
        }
        return latest;
    }

    @Override
    public CompletableFuture<PublishedCheckpoint> checkpointCovering(long index) {
        return checkpoints.covering(index);
    }

    @Override
    public Optional<LoggedEntry> entry(long index) throws LogStorageException {
        if (index < 0 || index >= publishedSize()) {
            return Optional.empty();
        }
        return storage.entry(index).map(e -> new LoggedEntry(e.index(), e.data(), e.integratedTime()));
    }

    @Override
    public Optional<Long> indexOf(Bytes leafHash) throws LogStorageException {
        return storage.indexOf(leafHash).filter(i -> i < publishedSize());
    }

    @Override
    public InclusionProof inclusionProof(long index, long treeSize) throws LogStorageException {
        return reader.inclusion(index, treeSize, latestCheckpoint());
    }

    @Override
    public ConsistencyProof consistencyProof(long fromSize, long toSize) throws LogStorageException {
        return reader.consistency(fromSize, toSize, latestCheckpoint());
    }

    @Override
    public Optional<Bytes> tile(String path) throws LogStorageException {
        return reader.tile(path, latestCheckpoint());
    }

    /**
     * Stops gracefully: refuses new adds, lets the sequencer commit and answer everything already queued, integrates
     * it, fails the checkpoint waiters that are left, and closes the storage.
     */
    @Override
    public void close() {
        admission.writeLock().lock();
        try {
            closing = true;
        } finally {
            admission.writeLock().unlock();
        }
        join(sequencerThread);
        stopIntegrator = true;
        wake.release();
        join(integratorThread);
        if (integratorThread == null) {
            Sequencer.Request r;
            while ((r = queue.poll()) != null) { // never started: nothing will sequence these
                r.future().completeExceptionally(new LogStorageException("log closed before it started"));
            }
        }
        checkpoints.close();
        storage.close();
    }

    private long publishedSize() {
        PublishedCheckpoint latest = checkpoints.latest();
        return latest == null ? 0 : latest.size();
    }

    private void integrate() {
        while (true) {
            boolean last = stopIntegrator;
            try {
                wake.tryAcquire(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
                wake.drainPermits();
                last |= stopIntegrator;
                integrator.round();
                refresh();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LogStorageException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "integration of log " + storage.logName() + " failed", e);
                if (!last) {
                    sleep(pollInterval);
                }
            }
            if (last) {
                return;
            }
        }
    }

    /** Picks up a checkpoint another node (or an earlier round) published. */
    private void refresh() throws LogStorageException {
        Optional<TreeState> state = storage.published();
        if (state.isEmpty() || state.get().size() <= publishedSize() && checkpoints.latest() != null) {
            return;
        }
        try {
            SignedNote note = SignedNote.parse(state.get().checkpoint());
            checkpoints.publish(new PublishedCheckpoint(Checkpoint.fromNote(note), note));
        } catch (FormatException e) {
            throw new LogStorageException("stored checkpoint is malformed", e);
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
