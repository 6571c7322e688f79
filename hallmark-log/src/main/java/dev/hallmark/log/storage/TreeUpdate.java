package dev.hallmark.log.storage;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * What one integration step writes: the tiles and entry bundles that changed between {@code fromSize} and
 * {@code toSize} (full and partial, C2SP tlog-tiles), the new root and its signed checkpoint. {@code fromSize} is -1
 * for the very first publication.
 */
public record TreeUpdate(long fromSize, long toSize, Bytes root, String checkpoint, List<StoredTile> tiles) {
    public TreeUpdate {
        if (fromSize < -1 || toSize < Math.max(fromSize, 0)) {
            throw new IllegalArgumentException("update from " + fromSize + " to " + toSize);
        }
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(checkpoint, "checkpoint");
        tiles = List.copyOf(tiles);
    }

    public TreeState state() {
        return new TreeState(toSize, root, checkpoint);
    }
}
