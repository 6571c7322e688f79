package dev.hallmark.core.bundle;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An inclusion proof with the signed checkpoint (note text) it is relative to. Hashes are raw 32-byte values. */
public record TlogInclusionProof(long logIndex, Bytes rootHash, long treeSize, List<Bytes> hashes, Optional<String> checkpoint) {
    public TlogInclusionProof {
        if (logIndex < 0 || treeSize < 0) {
            throw new IllegalArgumentException("negative index or tree size");
        }
        Objects.requireNonNull(rootHash, "rootHash");
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
