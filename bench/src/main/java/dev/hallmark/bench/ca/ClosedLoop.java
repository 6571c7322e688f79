package dev.hallmark.bench.ca;

import dev.hallmark.core.crypto.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop of {@code clients} virtual threads, each sending its next pre-built request as soon as the previous
 * one is answered. Bounded in time (warm-up, then the measured window) and in count (each request of the pool is used
 * at most once per run). Latencies of the measured window are kept exactly (one long each) and sorted at the end.
 */
final class ClosedLoop {
    /** One issuance: returns true for a 200 with a certificate chain. */
    interface Call {
        boolean issue(Bytes body) throws Exception;
    }

    private ClosedLoop() {
    }

    /**
     * @param onMeasuring called once when the warm-up ends (the phase counters are reset there)
     */
    static Map<String, Object> run(RequestPool pool, int clients, Duration warmup, Duration duration, Call call,
            Runnable onMeasuring) throws Exception {
        AtomicInteger cursor = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long warm = start + warmup.toNanos();
        long end = warm + duration.toNanos();
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        List<Thread> workers = new ArrayList<>();
        Thread marker = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, warm - System.nanoTime())));
                onMeasuring.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[Math.min(pool.size(), 1 << 16)];
            perClient.add(latencies);
            int me = c;
            workers.add(Thread.ofVirtual().start(() -> {
                long[] mine = latencies;
                int n = 0;
                for (long now = System.nanoTime(); now < end;) {
                    int i = cursor.getAndIncrement();
                    if (i >= pool.size()) {
                        break;
                    }
                    boolean ok;
                    try {
                        ok = call.issue(pool.bodies().get(i));
                    } catch (Exception e) {
                        firstError.compareAndSet(null, e);
                        ok = false;
                    }
                    long after = System.nanoTime();
                    if (now >= warm) {
                        if (!ok) {
                            errors.incrementAndGet();
                        } else {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, mine.length * 2);
                                perClient.set(me, mine);
                            }
                            mine[n++] = after - now;
                        }
                        lastDone.accumulateAndGet(after, Math::max);
                    }
                    now = after;
                }
                counts[me] = n;
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        marker.interrupt();
        marker.join();
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double seconds = Math.max(1, lastDone.get() - warm) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("clients", clients);
        r.put("certificates", total);
        r.put("errors", errors.get());
        r.put("seconds", round(seconds, 2));
        r.put("certsPerSecond", Math.round(total / seconds));
        r.put("p50Millis", millis(quantile(all, 0.5)));
        r.put("p99Millis", millis(quantile(all, 0.99)));
        r.put("p999Millis", millis(quantile(all, 0.999)));
        r.put("maxMillis", millis(all.length == 0 ? 0 : all[all.length - 1]));
        r.put("poolExhausted", cursor.get() >= pool.size());
        if (firstError.get() != null) {
            r.put("firstError", firstError.get().toString());
        }
        return r;
    }

    private static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double millis(long nanos) {
        return round(nanos / 1e6, 2);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
