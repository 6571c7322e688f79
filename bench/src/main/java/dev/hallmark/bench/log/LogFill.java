package dev.hallmark.bench.log;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.engine.LogEngine;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Filling a log for the scale run: as fast as the engine takes entries (4,096 in flight), through {@code add}. */
final class LogFill {
    private LogFill() {
    }

    /**
     * Fills the log to {@code size} entries. {@code analyze}, when given, runs after every 10 % of growth: the test
     * PostgreSQL runs with autovacuum off, and without fresh statistics its planner answers the sequencer's duplicate
     * check ({@code leaf_hash IN (…500…)}) by scanning every entry of the log through the primary key, so each batch
     * costs O(n) and the fill O(n²); autovacuum's default analyze threshold (10 % of the rows changed) is what this
     * stands in for.
     */
    static void fill(LogEngine engine, CountingStorage storage, int size, Options o, Map<String, Object> row,
            Runnable analyze) throws Exception {
        long t0 = System.nanoTime();
        long published = 0;
        while (published < size) {
            long next = analyze == null ? size : Math.min(size, Math.max(published + 1000, published * 11 / 10));
            published = add(engine, published, next, o.bodyBytes());
            if (analyze != null) {
                analyze.run();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (published != size) {
            throw new IllegalStateException("filled " + published + " entries, wanted " + size);
        }
        CountingStorage.Counts c = storage.counts();
        row.put("fillPerSecond", Math.round(size / seconds));
        row.put("fillMeanPublishMillis", c.publications() == 0 ? 0
                : AppendBench.round(c.publishNanos() / 1e6 / c.publications(), 2));
    }

    /** Adds entries {@code from..to-1} (distinct: each body starts with its number), 4,096 in flight. */
    private static long add(LogEngine engine, long from, long to, int bodyBytes) throws Exception {
        Semaphore inFlight = new Semaphore(4096);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong maxIndex = new AtomicLong(-1);
        SplittableRandom random = new SplittableRandom(7 + from);
        for (long i = from; i < to && failure.get() == null; i++) {
            byte[] body = new byte[bodyBytes];
            random.nextBytes(body);
            ByteBuffer.wrap(body).putLong(i);
            inFlight.acquire();
            engine.add(Bytes.of(body)).whenComplete((outcome, e) -> {
                if (e != null) {
                    failure.set(e);
                } else {
                    maxIndex.accumulateAndGet(outcome.index(), Math::max);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(4096);
        if (failure.get() != null) {
            throw new IllegalStateException("filling the log failed", failure.get());
        }
        return engine.checkpointCovering(maxIndex.get()).get(300, TimeUnit.SECONDS).size();
    }

    /** ANALYZE of the schema's log tables (what autovacuum would do; it is off on the test server). */
    static Runnable analyzer(String pgUrl, String schema) {
        return () -> {
            try (Connection c = DriverManager.getConnection(pgUrl); Statement st = c.createStatement()) {
                st.execute("ANALYZE " + schema + ".log_entries");
                st.execute("ANALYZE " + schema + ".log_tiles");
            } catch (SQLException e) {
                throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
            }
        };
    }
}
