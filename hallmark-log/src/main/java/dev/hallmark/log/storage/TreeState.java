package dev.hallmark.log.storage;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/** A published tree: its size, root hash and the signed checkpoint note exactly as it is served. */
public record TreeState(long size, Bytes root, String checkpoint) {
    public TreeState {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        if (Objects.requireNonNull(root, "root").length() != 32) {
            throw new IllegalArgumentException("root must be 32 bytes");
        }
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
