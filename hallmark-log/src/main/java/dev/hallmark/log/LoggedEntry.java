package dev.hallmark.log;

import dev.hallmark.core.crypto.Bytes;
import java.time.Instant;
import java.util.Objects;

/** An entry as the log holds it: index, the exact bytes that were logged, and when they were sequenced. */
public record LoggedEntry(long index, Bytes data, Instant integratedTime) {
    public LoggedEntry {
        if (index < 0) {
            throw new IllegalArgumentException("negative index");
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(integratedTime, "integratedTime");
    }
}
