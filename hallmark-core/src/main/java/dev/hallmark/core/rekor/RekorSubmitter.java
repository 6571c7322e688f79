package dev.hallmark.core.rekor;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;

/**
 * Submits a proposed entry to a Rekor v1 log and answers it as a bundle entry, with its SET and inclusion proof. The
 * registry logs its publish attestations through this (DESIGN.md: in-process or over HTTP), never a log type itself.
 */
public interface RekorSubmitter {
    /**
     * @param proposedEntry the {@code POST /api/v1/log/entries} body
     * @throws FormatException when the log refused the entry or answered something that is not a log entry
     */
    TlogEntry submit(Bytes proposedEntry) throws FormatException;
}
