package dev.hallmark.log.storage;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogStorageException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one narrow interface between the log engine and where its state lives, after Tessera's storage drivers
 * (sigstore.md §4.5): the engine decides <em>what</em> to write (indices, tiles, checkpoints); a driver only makes
 * each call atomic and durable. One instance serves one log ({@link #logName()}); several logs share a database by
 * name.
 *
 * <p>Two kinds of durable write exist, each one transaction: {@link #sequence} (entries get their indices; after it
 * returns the entries are acknowledged) and {@link #publish} (tiles, entry bundles and the checkpoint of a larger tree,
 * all or nothing, guarded by compare-and-set on the published size so that two integrators can never interleave).
 * Everything else reads. Implementations are thread-safe.
 */
public interface LogStorage extends AutoCloseable {
    String logName();

    /**
     * In one durable transaction, appends every entry whose leaf hash is not yet in the log at consecutive indices
     * from the current end, all with {@code integratedTime}, and reports for each input, in order, where it stands.
     * Entries already in the log are not stored again; their existing index and time are reported. The inputs must
     * have distinct leaf hashes. When this returns, the outcome is durable (WAL fsync / committed transaction).
     */
    List<Sequenced> sequence(List<PendingEntry> entries, Instant integratedTime) throws LogStorageException;

    /** How many entries have been sequenced (the next index to assign). */
    long sequencedSize() throws LogStorageException;

    /** The published tree: size, root and checkpoint note; empty before the first publication. */
    Optional<TreeState> published() throws LogStorageException;

    /** The entries with indices in {@code [from, to)}, in index order; they must all exist. */
    List<StoredEntry> entries(long from, long to) throws LogStorageException;

    Optional<StoredEntry> entry(long index) throws LogStorageException;

    Optional<Long> indexOf(Bytes leafHash) throws LogStorageException;

    /**
     * Atomically stores the update's tiles and entry bundles and makes its checkpoint the published one, provided the
     * published size is still {@link TreeUpdate#fromSize()} (-1 for "nothing published yet"). Returns false, writing
     * nothing, if another integrator got there first.
     */
    boolean publish(TreeUpdate update) throws LogStorageException;

    /**
     * The widest stored version of a hash tile ({@code level >= 0}) or entry bundle ({@link StoredTile#ENTRIES_LEVEL})
     * at these coordinates. Tiles only grow by appending, so a narrower tile is a prefix of this one.
     */
    Optional<StoredTile> tile(int level, long index) throws LogStorageException;

    /** The integrator election for this log (sigstore DESIGN: one integrator at a time, elected through storage). */
    IntegratorLease integratorLease();

    /** Data kept beside this log's entries outside their leaves (CT {@code extra_data}), in the same database. */
    ExtraDataStore extraData();

    @Override
    void close();

    /** An entry to sequence: its RFC 6962 leaf hash and the bytes that were hashed. */
    record PendingEntry(Bytes leafHash, Bytes data) {
        public PendingEntry {
            if (leafHash.length() != 32) {
                throw new IllegalArgumentException("leaf hash must be 32 bytes");
            }
            java.util.Objects.requireNonNull(data, "data");
        }
    }

    /** Where a sequenced entry stands; {@code duplicate} when it was already in the log before this call. */
    record Sequenced(long index, Instant integratedTime, boolean duplicate) {
    }
}
