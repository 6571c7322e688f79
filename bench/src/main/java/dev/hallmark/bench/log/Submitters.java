package dev.hallmark.bench.log;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogOverloadedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop submitters on virtual threads: each adds a distinct entry ({@code bodyBytes} bytes: its id, a counter
 * and random filler), waits for the durable acknowledgement, and adds the next. Nothing is recorded until
 * {@link #measure()} (warm-up); from then on every acknowledgement is counted and its latency (from the call to
 * {@code add} to the completed future) recorded, for acknowledgements inside the window {@link #measure()} ..
 * {@link #stop()}.
 */
final class Submitters {
    final LatencyHistogram latency = new LatencyHistogram();
    final LongAdder acks = new LongAdder();
    final LongAdder overloaded = new LongAdder();
    final LongAdder failures = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean measuring;
    private volatile boolean stopping;
    private volatile long measureStart;
    private volatile long measureEnd = Long.MAX_VALUE;

    private Submitters() {
    }

    static Submitters start(LogAppender log, int count, int bodyBytes) {
        Submitters s = new Submitters();
        for (int t = 0; t < count; t++) {
            int id = t;
            s.threads.add(Thread.ofVirtual().name("submitter-" + t).start(() -> s.loop(log, id, bodyBytes)));
        }
        return s;
    }

    /** Ends the warm-up: counts from now on. Returns the start time (nanoTime). */
    long measure() {
        measureStart = System.nanoTime();
        measuring = true;
        return measureStart;
    }

    /** Ends the window and stops every submitter after its current add; returns the window's end (nanoTime). */
    long stop() throws InterruptedException {
        measureEnd = System.nanoTime();
        stopping = true;
        for (Thread t : threads) {
            t.join();
        }
        return measureEnd;
    }

    private void loop(LogAppender log, int id, int bodyBytes) {
        SplittableRandom random = new SplittableRandom(0x5eed ^ ((long) id << 32) ^ System.nanoTime());
        long n = 0;
        byte[] filler = new byte[bodyBytes];
        while (!stopping) {
            random.nextBytes(filler);
            ByteBuffer.wrap(filler).putInt(id).putLong(n++); // distinct even if the filler repeated
            Bytes entry = Bytes.of(filler);
            long t0 = System.nanoTime();
            try {
                log.add(entry).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof LogOverloadedException) {
                    overloaded.increment();
                    sleepBriefly();
                } else {
                    failures.increment();
                }
                continue;
            }
            long t1 = System.nanoTime();
            if (measuring && t1 >= measureStart && t1 <= measureEnd) { // acknowledged inside the window
                acks.increment();
                latency.record(t1 - t0);
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
