package dev.hallmark.log;

import dev.hallmark.core.crypto.Bytes;
import java.util.concurrent.CompletableFuture;

/**
 * Appends entries to a transparency log (Tessera's appender, sigstore.md §4.5). The entry bytes are the leaf preimage
 * (for Rekor, the canonical body); the log hashes them as RFC 6962 leaves.
 *
 * <p>The future completes only once the entry and its index are durable (fsync'd or committed); a duplicate of an
 * entry already in the log completes with the existing index and time, and no second copy is stored. When the
 * sequencer's bounded queue is full the future fails at once with {@link LogOverloadedException}; any storage failure
 * fails it with {@link LogStorageException}. Thread-safe.
 */
public interface LogAppender {
    /** The largest entry a log takes: C2SP entry bundles prefix each entry with a u16 length. */
    int MAX_ENTRY_BYTES = 0xFFFF;

    CompletableFuture<AddOutcome> add(Bytes entry);
}
