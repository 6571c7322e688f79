package dev.hallmark.registry.ui;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import java.util.Optional;

/**
 * Read access to this instance's transparency log for the log entry page. The server implements it in-process on top
 * of the log's Rekor v1 API (the registry module does not depend on the log module, DESIGN.md "one dependency rule").
 */
public interface LogEntries {
    /** The log's ID, SHA-256 of its key's SPKI: tells this log's entries in a bundle from other logs'. */
    Bytes logId();

    /**
     * The entry at a global index with its inclusion proof, as a bundle would carry it; empty if there is none.
     *
     * @throws FormatException the log could not answer with an entry
     */
    Optional<TlogEntry> entry(long index) throws FormatException;
}
