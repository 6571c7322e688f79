package dev.hallmark.core.bundle;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency log entry as a bundle carries it ({@code TransparencyLogEntry}, sigstore.md §3.5, §6.2).
 * {@code logIndex} is the log's global index (used in the SET); the proof has the tree-local one.
 * {@code integratedTime} is 0 when absent (Rekor v2) and means something only when a SET backs it.
 */
public record TlogEntry(
        long logIndex,
        Bytes logId,
        String kind,
        String version,
        long integratedTime,
        Optional<Bytes> signedEntryTimestamp,
        Optional<TlogInclusionProof> inclusionProof,
        Bytes canonicalizedBody) {
    public TlogEntry {
        if (logIndex < 0 || integratedTime < 0) {
            throw new IllegalArgumentException("negative log index or integrated time");
        }
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(signedEntryTimestamp, "signedEntryTimestamp");
        Objects.requireNonNull(inclusionProof, "inclusionProof");
        Objects.requireNonNull(canonicalizedBody, "canonicalizedBody");
    }
}
