package dev.hallmark.bench.log;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size log-bucket latency histogram (HdrHistogram is not a dependency): values in nanoseconds fall into 64
 * linear sub-buckets per power of two, so a reported percentile is within ~1.6% of the true value. Thread-safe and
 * allocation-free when recording, so a long run keeps memory flat.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB + SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos)));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The value at quantile {@code q} (0..1), in nanoseconds: the upper edge of its bucket. */
    public long quantile(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperEdge(i);
            }
        }
        return upperEdge(BUCKETS - 1);
    }

    public long max() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return upperEdge(i);
            }
        }
        return 0;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS + 1; // >= 1
        int sub = (int) (v >>> (exp - 1)) - SUB; // top SUB_BITS+1 bits, minus the leading one
        return exp * SUB + sub;
    }

    static long upperEdge(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB;
        long sub = index % SUB;
        return ((SUB + sub + 1) << (exp - 1)) - 1;
    }
}
