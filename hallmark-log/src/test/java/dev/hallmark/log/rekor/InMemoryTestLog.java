package dev.hallmark.log.rekor;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InMemoryMerkleTree;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogOverloadedException;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * TEST SCAFFOLDING, not the log engine: a small but real in-memory log (core {@link InMemoryMerkleTree}, checkpoints
 * signed with a {@link NoteSigner}) implementing the engine's interfaces, so the personalities can be tested while the
 * engine is written in parallel. "Durable" is trivially true. It deduplicates by leaf hash like the engine must, can
 * stop publishing (to test checkpoint timeouts) and can report overload.
 */
public final class InMemoryTestLog implements LogAppender, LogReader {
    private final ReentrantLock lock = new ReentrantLock();
    private final InMemoryMerkleTree tree = new InMemoryMerkleTree();
    private final List<LoggedEntry> entries = new ArrayList<>();
    private final Map<Bytes, Long> byLeaf = new HashMap<>();
    private final Map<Long, List<CompletableFuture<PublishedCheckpoint>>> waiting = new HashMap<>();
    private final String origin;
    private final NoteSigner signer;
    private final InstantSource clock;
    private volatile PublishedCheckpoint published;
    private volatile boolean autoPublish = true;
    private volatile Duration overloaded;

    public InMemoryTestLog(String origin, NoteSigner signer, InstantSource clock) {
        this.origin = origin;
        this.signer = signer;
        this.clock = clock;
        publish();
    }

    /** Stops (false) or resumes (true) publishing a checkpoint after every add. */
    public void autoPublish(boolean on) {
        autoPublish = on;
    }

    /** While set, every add fails at once with {@link LogOverloadedException}. */
    public void overloaded(Duration retryAfter) {
        overloaded = retryAfter;
    }

    /** Adds without publishing a checkpoint (an entry sequenced but not yet integrated into a published tree). */
    public long addUnpublished(Bytes entry) {
        boolean before = autoPublish;
        autoPublish = false;
        try {
            return add(entry).join().index();
        } finally {
            autoPublish = before;
        }
    }

    @Override
    public CompletableFuture<AddOutcome> add(Bytes entry) {
        if (overloaded != null) {
            return CompletableFuture.failedFuture(new LogOverloadedException(overloaded));
        }
        lock.lock();
        try {
            Bytes leaf = MerkleHash.leafHash(entry);
            Long existing = byLeaf.get(leaf);
            if (existing != null) {
                return CompletableFuture.completedFuture(new AddOutcome.Duplicate(existing, entries.get(existing.intValue()).integratedTime()));
            }
            long index = tree.append(leaf);
            Instant time = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            entries.add(new LoggedEntry(index, entry, time));
            byLeaf.put(leaf, index);
            if (autoPublish) {
                publish();
            }
            return CompletableFuture.completedFuture(new AddOutcome.Added(index, time));
        } finally {
            lock.unlock();
        }
    }

    /** Signs and publishes a checkpoint for everything added so far, completing the waiters it covers. */
    public void publish() {
        lock.lock();
        try {
            Checkpoint checkpoint = new Checkpoint(origin, tree.size(), tree.root());
            published = new PublishedCheckpoint(checkpoint, signer.signNote(checkpoint.toNoteText()));
            for (Iterator<Map.Entry<Long, List<CompletableFuture<PublishedCheckpoint>>>> it = waiting.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Long, List<CompletableFuture<PublishedCheckpoint>>> e = it.next();
                if (e.getKey() < published.size()) {
                    e.getValue().forEach(f -> f.complete(published));
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PublishedCheckpoint latestCheckpoint() {
        return published;
    }

    @Override
    public CompletableFuture<PublishedCheckpoint> checkpointCovering(long index) {
        lock.lock();
        try {
            if (published.size() > index) {
                return CompletableFuture.completedFuture(published);
            }
            CompletableFuture<PublishedCheckpoint> future = new CompletableFuture<>();
            waiting.computeIfAbsent(index, k -> new ArrayList<>()).add(future);
            return future;
        } finally {
            lock.unlock();
        }
    }

    /** Sequenced entries, published or not (the personality must not serve the unpublished ones). */
    @Override
    public Optional<LoggedEntry> entry(long index) {
        lock.lock();
        try {
            return index >= 0 && index < entries.size() ? Optional.of(entries.get((int) index)) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Long> indexOf(Bytes leafHash) {
        lock.lock();
        try {
            return Optional.ofNullable(byLeaf.get(leafHash));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InclusionProof inclusionProof(long index, long treeSize) {
        if (index < 0 || index >= treeSize || treeSize > published.size()) {
            throw new IllegalArgumentException("no proof for " + index + " in " + treeSize);
        }
        lock.lock();
        try {
            return tree.inclusionProof(index, treeSize);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        if (fromSize < 0 || fromSize > toSize || toSize > published.size()) {
            throw new IllegalArgumentException("no proof from " + fromSize + " to " + toSize);
        }
        lock.lock();
        try {
            return tree.consistencyProof(fromSize, toSize);
        } finally {
            lock.unlock();
        }
    }

    /** Tiles of the published tree: full tiles, and partial tiles of exactly the published width. */
    @Override
    public Optional<Bytes> tile(String path) {
        TilePath parsed;
        try {
            parsed = TilePath.parse(path);
        } catch (FormatException e) {
            return Optional.empty();
        }
        TileCoordinates tile = parsed.tile();
        long size = published.size();
        int width = TileCoordinates.widthAt(tile.level(), tile.index(), size);
        if (width == 0 || (tile.isFull() ? width != TileCoordinates.FULL_WIDTH : width != tile.width())) {
            return Optional.empty();
        }
        lock.lock();
        try {
            if (parsed.kind() == TilePath.Kind.HASHES) {
                return Optional.of(tile.content(tree));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (long i = tile.index() * TileCoordinates.FULL_WIDTH; i < tile.index() * TileCoordinates.FULL_WIDTH + tile.width(); i++) {
                byte[] data = entries.get((int) i).data().toArray();
                out.write(data.length >>> 8);
                out.write(data.length & 0xff);
                out.writeBytes(data);
            }
            return Optional.of(Bytes.of(out.toByteArray()));
        } finally {
            lock.unlock();
        }
    }
}
