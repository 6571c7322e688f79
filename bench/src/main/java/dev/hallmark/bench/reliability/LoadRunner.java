package dev.hallmark.bench.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link Workload} against a server over {@link RawHttp} connections on virtual threads, either in a closed
 * loop (each connection sends its next request when the previous is answered: the capacity measurement) or in an open
 * loop (requests are due at a fixed arrival rate whatever the server does, handed to whichever connection is free;
 * when none is, they wait in the client and their latency, counted from when they were due, shows it).
 */
final class LoadRunner {
    /** Requests of one kind. Implementations are thread-safe. */
    interface Workload {
        /** The next request (complete HTTP/1.1 bytes), or null when the workload has run out. */
        byte[] next();

        /** The answer to a request {@link #next} gave; {@code reply} is null when the exchange failed. */
        void done(byte[] request, RawHttp.Reply reply);
    }

    /** How long a connection waits for an answer before counting a transport error (a hang, for our purposes). */
    static final int TIMEOUT_MILLIS = 30_000;
    private static final int KEEP_BODY = 512;

    private LoadRunner() {
    }

    /** Result of an open-loop phase: the stats plus what the client itself could not send. */
    record OpenLoopResult(PhaseStats stats, long offered, long sent, long maxBacklog, double seconds) {
    }

    static PhaseStats closedLoop(URI base, Workload workload, int connections, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        PhaseStats stats = new PhaseStats(start);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (RawHttp http = new RawHttp(base, TIMEOUT_MILLIS)) {
                    while (System.nanoTime() < end) {
                        byte[] request = workload.next();
                        if (request == null) {
                            return;
                        }
                        exchange(http, workload, request, stats, System.nanoTime());
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return stats;
    }

    static OpenLoopResult openLoop(URI base, Workload workload, double perSecond, int connections, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        PhaseStats stats = new PhaseStats(start);
        LinkedBlockingQueue<Long> due = new LinkedBlockingQueue<>();
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (RawHttp http = new RawHttp(base, TIMEOUT_MILLIS)) {
                    while (true) {
                        Long intended = due.poll(100, TimeUnit.MILLISECONDS);
                        if (intended == null) {
                            if (System.nanoTime() >= end) {
                                return;
                            }
                            continue;
                        }
                        if (System.nanoTime() >= end) {
                            return; // due before the end but never sent: counted as the client's backlog
                        }
                        byte[] request = workload.next();
                        if (request == null) {
                            return;
                        }
                        sent.incrementAndGet();
                        exchange(http, workload, request, stats, intended);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        double interval = 1e9 / perSecond;
        long offered = 0;
        long maxBacklog = 0;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            long shouldHave = (long) ((now - start) / interval) + 1;
            for (; offered < shouldHave; offered++) {
                due.add(start + (long) (offered * interval));
            }
            maxBacklog = Math.max(maxBacklog, due.size());
            LockSupport.parkNanos(Math.max(50_000L, (long) interval));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new OpenLoopResult(stats, offered, sent.get(), maxBacklog, duration.toNanos() / 1e9);
    }

    private static void exchange(RawHttp http, Workload workload, byte[] request, PhaseStats stats, long intended) {
        long sent = System.nanoTime();
        try {
            RawHttp.Reply reply = http.exchange(request, KEEP_BODY);
            stats.answered(reply, intended, sent, System.nanoTime());
            workload.done(request, reply);
        } catch (Exception e) {
            stats.failed(e, System.nanoTime());
            workload.done(request, null);
        }
    }
}
