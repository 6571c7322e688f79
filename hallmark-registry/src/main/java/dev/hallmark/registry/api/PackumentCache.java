package dev.hallmark.registry.api;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.registry.internal.ByteBudgetCache;
import java.util.Optional;

/**
 * Rendered packuments by package and revision. A hit needs the current revision (one indexed read), so several nodes
 * sharing a database never serve a stale document; the cache only saves re-rendering. Bounded by the total size of
 * the documents (a count bound let a registry of large packuments fill any heap): when full it is emptied, which
 * costs a re-render per package and never correctness. Documents are kept as {@link Bytes} and served as they are,
 * so a thousand clients reading one large packument share one copy of it.
 */
final class PackumentCache {
    /** At most an eighth of the heap, and never more than 128 MiB (the proxied-packument caches' budget). */
    static final long DEFAULT_BUDGET_BYTES = Math.min(128L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);

    private record Key(String name, boolean abbreviated) {
    }

    private final ByteBudgetCache<Key, Bytes> entries;

    PackumentCache(long budgetBytes) {
        this.entries = new ByteBudgetCache<>(budgetBytes, Bytes::length);
    }

    Optional<Bytes> get(String name, long rev, boolean abbreviated) {
        return entries.get(new Key(name, abbreviated), Long.toString(rev));
    }

    void put(String name, long rev, boolean abbreviated, Bytes body) {
        entries.put(new Key(name, abbreviated), Long.toString(rev), body);
    }
}
