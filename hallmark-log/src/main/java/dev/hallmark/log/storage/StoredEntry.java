package dev.hallmark.log.storage;

import dev.hallmark.core.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;

/** A sequenced entry as storage holds it: index, RFC 6962 leaf hash, logged bytes and sequencing time. */
public record StoredEntry(long index, Bytes leafHash, Bytes data, Instant integratedTime) {
    public StoredEntry {
        if (index < 0) {
            throw new IllegalArgumentException("negative index");
        }
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(integratedTime, "integratedTime");
    }
}
