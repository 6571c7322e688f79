package dev.hallmark.registry.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A map of large values (proxied packuments can be tens of MiB) bounded by their total size rather than their count:
 * when an insert would pass the budget the map is emptied, which costs a re-read or re-render and never correctness,
 * because every value is looked up together with the version (digest) the caller expects. The accounting is
 * approximate under races, never unbounded.
 */
public final class ByteBudgetCache<K, V> {
    private record Entry<V>(String version, V value, long size) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();
    private final long budget;
    private final ToLongFunction<V> sizeOf;

    public ByteBudgetCache(long budget, ToLongFunction<V> sizeOf) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be positive");
        }
        this.budget = budget;
        this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
    }

    /** The value stored for {@code key} if it is of {@code version}. */
    public Optional<V> get(K key, String version) {
        Entry<V> e = entries.get(key);
        return e != null && e.version.equals(version) ? Optional.of(e.value) : Optional.empty();
    }

    /** Stores a value unless it alone is larger than the budget. */
    public void put(K key, String version, V value) {
        long size = Math.max(1, sizeOf.applyAsLong(value));
        if (size > budget) {
            return;
        }
        if (used.addAndGet(size) > budget) {
            entries.clear();
            used.set(size);
        }
        Entry<V> old = entries.put(key, new Entry<>(version, value, size));
        if (old != null) {
            used.addAndGet(-old.size);
        }
    }

    public void remove(K key) {
        Entry<V> old = entries.remove(key);
        if (old != null) {
            used.addAndGet(-old.size);
        }
    }
}
