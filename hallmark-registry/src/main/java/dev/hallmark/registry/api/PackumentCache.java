package dev.hallmark.registry.api;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered packuments by package and revision. A hit needs the current revision (one indexed read), so several nodes
 * sharing a database never serve a stale document; the cache only saves re-rendering. Bounded: when full it is
 * emptied, which costs a re-render per package and never correctness.
 */
final class PackumentCache {
    private record Key(String name, boolean abbreviated) {
    }

    private record Entry(long rev, byte[] body) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    PackumentCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    Optional<byte[]> get(String name, long rev, boolean abbreviated) {
        Entry e = entries.get(new Key(name, abbreviated));
        return e != null && e.rev == rev ? Optional.of(e.body) : Optional.empty();
    }

    void put(String name, long rev, boolean abbreviated, byte[] body) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.merge(new Key(name, abbreviated), new Entry(rev, body), (old, neu) -> neu.rev >= old.rev ? neu : old);
    }
}
