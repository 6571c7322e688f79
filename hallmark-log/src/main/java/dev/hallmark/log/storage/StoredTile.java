package dev.hallmark.log.storage;

import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/**
 * A hash tile or entry bundle as stored: coordinates, the width it has (1..256) and its bytes (C2SP tlog-tiles,
 * sigstore.md §4.2). Entry bundles use level {@link #ENTRIES_LEVEL}; their index is that of the level-0 tile they match.
 */
public record StoredTile(int level, long index, int width, Bytes data) {
    /** The level under which entry bundles are stored. */
    public static final int ENTRIES_LEVEL = -1;

    public StoredTile {
        if (level < ENTRIES_LEVEL || index < 0 || width < 1 || width > 256) {
            throw new IllegalArgumentException("tile " + level + "/" + index + " of width " + width);
        }
        Objects.requireNonNull(data, "data");
    }

    public boolean isEntryBundle() {
        return level == ENTRIES_LEVEL;
    }
}
