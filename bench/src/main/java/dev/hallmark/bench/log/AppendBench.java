package dev.hallmark.bench.log;

import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.engine.LogEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durable appends through {@link LogEngine#add} (issue 3, "Performance"): acknowledgements per second and their
 * latency at a given number of closed-loop submitters on a fresh store, and a sustained run that samples the heap
 * after GC to show whether memory stays flat.
 */
final class AppendBench {
    static final String ORIGIN = "log.bench.hallmark.test";

    private AppendBench() {
    }

    /** A started engine on {@code storage} with the tuned settings and a fresh P-256 checkpoint key. */
    static LogEngine engine(CountingStorage storage, Options o) throws Exception {
        Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        return LogEngine.builder(storage, NoteSigner.of(ORIGIN, key), ORIGIN, InstantSource.system())
                .maxBatchEntries(o.batch()).maxBatchAge(o.batchAge()).queueCapacity(o.queue())
                .maxIntegrationStep(o.step()).cachedTiles(o.cachedTiles()).build().start();
    }

    /** One cell of the append table: {@code submitters} on a fresh {@code store}. */
    static Map<String, Object> appends(String store, int submitters, Options o) throws Exception {
        try (BenchStore bs = BenchStore.fresh(store, o.workDir(), o.pgUrl())) {
            CountingStorage storage = new CountingStorage(bs.open("bench"));
            try (LogEngine engine = engine(storage, o)) {
                Submitters s = Submitters.start(engine, submitters, o.bodyBytes());
                Thread.sleep(o.warmup());
                CountingStorage.Counts before = storage.counts();
                storage.resetMaxima();
                long start = s.measure();
                Thread.sleep(o.duration());
                long end = s.stop();
                CountingStorage.Counts c = storage.counts().minus(before);
                double seconds = (end - start) / 1e9;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("store", store);
                r.put("submitters", submitters);
                r.put("seconds", round(seconds, 2));
                r.put("acks", s.acks.sum());
                r.put("acksPerSecond", Math.round(s.acks.sum() / seconds));
                r.putAll(latencies(s.latency));
                r.put("overloaded", s.overloaded.sum());
                r.put("failures", s.failures.sum());
                r.putAll(storageShare(c, seconds));
                r.put("maxCommitMillis", millis(storage.maxCommitNanos.get()));
                r.put("maxPublishMillis", millis(storage.maxPublishNanos.get()));
                r.put("logSize", engine.latestCheckpoint().size());
                return r;
            }
        }
    }

    /**
     * A sustained append run with the heap sampled after a full GC every {@code memorySample}: the series, and the
     * first and last sample (after the first sample the engine's tile cache and JIT are warm).
     */
    static Map<String, Object> memory(Options o) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (BenchStore bs = BenchStore.fresh("sqlite", o.workDir(), o.pgUrl())) {
            CountingStorage storage = new CountingStorage(bs.open("bench"));
            try (LogEngine engine = engine(storage, o)) {
                Submitters s = Submitters.start(engine, o.memorySubmitters(), o.bodyBytes());
                long start = s.measure();
                List<Map<String, Object>> series = new ArrayList<>();
                long deadline = start + o.memoryDuration().toNanos();
                while (true) {
                    long now = System.nanoTime();
                    series.add(sample(memory, now - start, s.acks.sum()));
                    System.out.printf("  memory t=%5.1fs used-after-gc=%6.1f MiB acks=%d%n", (now - start) / 1e9,
                            (Long) series.getLast().get("usedBytes") / 1048576.0, s.acks.sum());
                    if (now >= deadline) {
                        break;
                    }
                    Thread.sleep(Math.min(o.memorySample().toNanos(), deadline - now) / 1_000_000);
                }
                long end = s.stop();
                double seconds = (end - start) / 1e9;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("store", "sqlite");
                r.put("submitters", o.memorySubmitters());
                r.put("seconds", round(seconds, 1));
                r.put("acksPerSecond", Math.round(s.acks.sum() / seconds));
                r.putAll(latencies(s.latency));
                r.put("logSize", engine.latestCheckpoint().size());
                r.put("maxHeapBytes", memory.getHeapMemoryUsage().getMax());
                r.put("firstUsedBytes", series.getFirst().get("usedBytes"));
                r.put("lastUsedBytes", series.getLast().get("usedBytes"));
                r.put("series", series);
                return r;
            }
        }
    }

    private static Map<String, Object> sample(MemoryMXBean memory, long elapsedNanos, long acks) {
        System.gc();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", round(elapsedNanos / 1e9, 1));
        m.put("acks", acks);
        m.put("usedBytes", memory.getHeapMemoryUsage().getUsed());
        return m;
    }

    static Map<String, Object> latencies(LatencyHistogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50Millis", millis(h.quantile(0.50)));
        m.put("p99Millis", millis(h.quantile(0.99)));
        m.put("p999Millis", millis(h.quantile(0.999)));
        m.put("maxMillis", millis(h.max()));
        return m;
    }

    /** Mean batch, and the share of the window the sequencer spent committing and the integrator publishing. */
    private static Map<String, Object> storageShare(CountingStorage.Counts c, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commits", c.commits());
        m.put("meanBatch", c.commits() == 0 ? 0 : round((double) c.entries() / c.commits(), 1));
        m.put("meanCommitMillis", c.commits() == 0 ? 0 : round(c.commitNanos() / 1e6 / c.commits(), 2));
        m.put("sequencerBusyPercent", round(100 * c.commitNanos() / 1e9 / seconds, 1));
        m.put("publications", c.publications());
        m.put("meanPublishMillis", c.publications() == 0 ? 0 : round(c.publishNanos() / 1e6 / c.publications(), 2));
        return m;
    }

    static double millis(long nanos) {
        return round(nanos / 1e6, 2);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
