package dev.hallmark.log;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InclusionProof;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a transparency log: the published checkpoint, entries, proofs and tiles. Everything served is consistent with
 * a published checkpoint; proofs are checked against it before they are returned (STYLE: check your own outputs).
 */
public interface LogReader {
    /** The latest published checkpoint (an empty log publishes size 0). */
    PublishedCheckpoint latestCheckpoint() throws LogStorageException;

    /** Completes when a published checkpoint covers {@code index} (its size exceeds the index). */
    CompletableFuture<PublishedCheckpoint> checkpointCovering(long index);

    Optional<LoggedEntry> entry(long index) throws LogStorageException;

    /** The index of the entry with this RFC 6962 leaf hash, if it was logged. */
    Optional<Long> indexOf(Bytes leafHash) throws LogStorageException;

    /** @throws IllegalArgumentException unless {@code 0 <= index < treeSize <= latest published size} */
    InclusionProof inclusionProof(long index, long treeSize) throws LogStorageException;

    /** @throws IllegalArgumentException unless {@code 0 <= fromSize <= toSize <= latest published size} */
    ConsistencyProof consistencyProof(long fromSize, long toSize) throws LogStorageException;

    /**
     * The bytes of a C2SP tlog-tiles resource ({@code tile/<L>/<N>[.p/<W>]} or {@code tile/entries/<N>[.p/<W>]}),
     * if the published tree has it.
     */
    Optional<Bytes> tile(String path) throws LogStorageException;
}
