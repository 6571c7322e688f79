package dev.hallmark.log;

import java.time.Instant;

/**
 * Where an added entry stands: its index and the time the log sequenced it (Rekor's {@code integratedTime}, which a
 * SET signs, so it is stored with the entry and never changes). A normal outcome, not an exception (STYLE).
 */
public sealed interface AddOutcome {
    long index();

    Instant integratedTime();

    /** The entry is new and now durable at this index. */
    record Added(long index, Instant integratedTime) implements AddOutcome {
    }

    /** The same entry (same leaf hash) was already in the log at this index. */
    record Duplicate(long index, Instant integratedTime) implements AddOutcome {
    }
}
