package dev.hallmark.server.jetty;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies all requests together may hold in memory while they are read. Without it the heap
 * needed is the number of clients times the body limit (256 × 10 MiB by default, far past a small heap): a burst of
 * large uploads, or slow ones (they are read before admission, see {@link RequestHandler}), ended in an
 * {@code OutOfMemoryError} that could kill any thread of the server. Bytes are reserved as they arrive, so a slow
 * client holds only what it sent; a body that does not fit is refused with 503 and Retry-After. The default is an
 * eighth of the maximum heap, because a body is copied two to four times while it is read and parsed.
 */
final class BodyMemoryBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyMemoryBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("body memory budget must be positive");
        }
        this.capacity = capacity;
    }

    /** An eighth of the heap, and never less than one body of the largest size accepted. */
    static long defaultCapacity(long maxBodyBytes) {
        return Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / 8);
    }

    /** Reserves {@code bytes} if they fit; the caller releases what it reserved when the request is done. */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
