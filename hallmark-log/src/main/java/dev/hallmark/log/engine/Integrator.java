package dev.hallmark.log.engine;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.merkle.TileCoordinates;
import dev.hallmark.core.merkle.TileHashReader;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.StoredEntry;
import dev.hallmark.log.storage.StoredTile;
import dev.hallmark.log.storage.TreeState;
import dev.hallmark.log.storage.TreeUpdate;
import dev.hallmark.log.witness.Cosigner;
import java.util.HashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Extends the tree over sequenced entries and publishes checkpoints (Tessera's integration step, sigstore.md §4.5).
 * A round runs only on the engine holding the storage's {@link dev.hallmark.log.storage.IntegratorLease}: it reads
 * the entries past the published size (at most {@code maxPerStep} per step), builds the changed tiles and entry
 * bundles with {@link TileBuilder}, computes the new root from those tiles, checks it is consistent with the previous
 * published root, signs a C2SP checkpoint ({@code origin}, size, root) and publishes tiles and checkpoint in one
 * atomic, compare-and-set {@link LogStorage#publish}. Because entries are durable before they are acknowledged and
 * integration is a pure function of them, a crash at any point is repaired by the next round (at start-up).
 *
 * <p>Between signing and publishing, the {@link Cosigner} (witnessing, issue 3) may add cosignature lines or withhold
 * the checkpoint: a withheld step publishes nothing and ends the round; the entries stay sequenced, and the next
 * round (the next wake-up or poll) signs and offers a checkpoint again, so {@code checkpointCovering} waiters simply
 * keep waiting until a checkpoint is published.
 */
final class Integrator {
    private static final System.Logger LOG = System.getLogger(Integrator.class.getName());

    private final LogStorage storage;
    private final TileCache tiles;
    private final NoteSigner signer;
    private final String origin;
    private final int maxPerStep;
    private final Cosigner cosigner;
    private final Consumer<PublishedCheckpoint> onPublished;

    Integrator(LogStorage storage, TileCache tiles, NoteSigner signer, String origin, int maxPerStep,
            Cosigner cosigner, Consumer<PublishedCheckpoint> onPublished) {
        this.storage = storage;
        this.tiles = tiles;
        this.signer = signer;
        this.origin = origin;
        this.maxPerStep = maxPerStep;
        this.cosigner = cosigner;
        this.onPublished = onPublished;
    }

    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private Duration withheldBackoff = Duration.ZERO;
    private long retryAfterNanos;

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Integrates everything sequenced so far if this engine is the integrator; a no-op otherwise. */
    void round() throws LogStorageException {
        if ((!withheldBackoff.isZero() && System.nanoTime() - retryAfterNanos < 0) || !storage.integratorLease().tryAcquire()) {
            return;
        }
        while (step()) {
            // keep going until the published tree covers every sequenced entry
        }
    }

    /** One publication; false when there was nothing to do or another integrator published first. */
    private boolean step() throws LogStorageException {
        Optional<TreeState> published = storage.published();
        long from = published.map(TreeState::size).orElse(-1L);
        long base = Math.max(from, 0);
        long sequenced = storage.sequencedSize();
        if (from >= 0 && sequenced <= base) {
            return false;
        }
        long to = Math.min(sequenced, base + maxPerStep);
        TileBuilder builder = TileBuilder.resume(base, tiles);
        for (StoredEntry e : storage.entries(base, to)) {
            builder.append(e.leafHash(), e.data());
        }
        List<StoredTile> changed = builder.finish();
        TreeView tree = new TreeView(to, changed);
        Bytes root = tree.checkedRoot(published);
        Checkpoint checkpoint = new Checkpoint(origin, to, root);
        SignedNote note = switch (cosigner.cosign(checkpoint, signer.signNote(checkpoint.toNoteText()), tree::proof)) {
            case Cosigner.Outcome.Publish p -> {
                withheldBackoff = Duration.ZERO;
                yield p.note();
            }
            case Cosigner.Outcome.Withhold w -> {
                // Back off, doubling up to a ceiling, so a witness outage does not make the log rebuild, re-sign and
                // re-ask every poll interval; entries stay sequenced and durable meanwhile.
                withheldBackoff = withheldBackoff.isZero() ? FIRST_BACKOFF : min(withheldBackoff.multipliedBy(2), MAX_BACKOFF);
                retryAfterNanos = System.nanoTime() + withheldBackoff.toNanos();
                LOG.log(System.Logger.Level.WARNING, "checkpoint " + to + " of " + origin + " withheld: " + w.reason()
                        + "; next attempt in " + withheldBackoff.toMillis() + " ms");
                yield null;
            }
        };
        if (note == null) {
            return false;
        }
        if (!storage.publish(new TreeUpdate(from, to, root, note.serialize(), changed))) {
            return false;
        }
        tiles.remember(changed);
        onPublished.accept(new PublishedCheckpoint(checkpoint, note));
        return true;
    }

    /** The extended tree read back through the new tiles (falling back to the cache), for its root and proofs. */
    private final class TreeView {
        private final long size;
        private final TileHashReader reader;
        private LogStorageException failure;

        TreeView(long size, List<StoredTile> changed) {
            this.size = size;
            Map<TileCoordinates, Bytes> fresh = new HashMap<>();
            for (StoredTile t : changed) {
                if (!t.isEntryBundle()) {
                    fresh.put(new TileCoordinates(t.level(), t.index(), t.width()), t.data());
                }
            }
            this.reader = new TileHashReader(size, c -> {
                Bytes b = fresh.get(c);
                if (b != null) {
                    return b;
                }
                try {
                    return tiles.hashTile(c);
                } catch (LogStorageException e) {
                    failure = e;
                    return null;
                }
            });
        }

        /** The root, checked to be consistent with the previously published root. */
        Bytes checkedRoot(Optional<TreeState> previous) throws LogStorageException {
            try {
                Bytes root = reader.root();
                if (previous.isPresent() && previous.get().size() > 0) {
                    TreeState p = previous.get();
                    ConsistencyProof proof = reader.consistencyProof(p.size());
                    proof.verify(p.root(), root);
                } else if (size == 0 && !root.equals(MerkleHash.emptyRoot())) {
                    throw new IllegalStateException("empty tree with a non-empty root");
                }
                return root;
            } catch (FormatException e) {
                throw storageFailure(e);
            } catch (ProofException e) {
                throw new LogStorageException("new tree is not consistent with the published one", e);
            }
        }

        /** A consistency proof from {@code oldSize} to this tree, for witnesses (C2SP tlog-witness). */
        ConsistencyProof proof(long oldSize) throws LogStorageException {
            try {
                return reader.consistencyProof(oldSize);
            } catch (FormatException e) {
                throw storageFailure(e);
            }
        }

        private LogStorageException storageFailure(FormatException e) {
            return failure != null ? failure : new LogStorageException("stored tiles are incomplete", e);
        }
    }
}
