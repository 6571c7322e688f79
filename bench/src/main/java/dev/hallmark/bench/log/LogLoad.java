package dev.hallmark.bench.log;

import dev.hallmark.bench.BenchEnvironment;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hallmark.log.engine.LogEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transparency log's load harness (issue 3, "Performance"; run by {@code ./bench/run-log-load}): durable appends
 * per second and acknowledgement latency at several submitter counts on both stores, inclusion proofs served
 * in-process and over HTTP, and heap after GC under sustained appends. Prints tables and writes every figure, with
 * the machine and the engine settings, as JSON. A plain main rather than JMH: the quantities are those of a closed
 * loop against a live engine (throughput, tail latency, memory over time), not a per-operation score.
 */
public final class LogLoad {
    private LogLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchEnvironment.quietLogging();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("machine", BenchEnvironment.machine());
        report.put("engine", o.engineSettings());
        System.out.println("machine: " + report.get("machine"));
        System.out.println("engine:  " + report.get("engine"));

        if (o.runs("appends")) {
            List<Map<String, Object>> appends = new ArrayList<>();
            for (String store : o.stores()) {
                for (int n : o.submitters()) {
                    System.out.printf("appends: %s, %d submitters, %s warm-up + %s ...%n", store, n, o.warmup(),
                            o.duration());
                    Map<String, Object> r = AppendBench.appends(store, n, o);
                    System.out.println("  " + r);
                    appends.add(r);
                }
            }
            report.put("appends", appends);
            Tables.appends(appends);
        }
        List<Map<String, Object>> proofs = new ArrayList<>();
        if (o.runs("proofs")) {
            for (String store : o.stores()) {
                proofs.addAll(inProcessProofs(store, o));
            }
        }
        if (o.runs("http")) {
            System.out.printf("proofs over HTTP: populating a %d-entry server log ...%n", o.proofEntries());
            proofs.addAll(ProofBench.http(o));
        }
        if (!proofs.isEmpty()) {
            report.put("proofs", proofs);
            Tables.proofs(proofs);
        }
        if (o.runs("memory")) {
            System.out.printf("memory: %d submitters on sqlite for %s ...%n", o.memorySubmitters(), o.memoryDuration());
            Map<String, Object> m = AppendBench.memory(o);
            report.put("memory", m);
            Tables.memory(m);
        }
        report.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().toFile(), report);
        System.out.println("wrote " + o.out());
        System.exit(0); // HTTP client and server pools may leave non-daemon threads behind
    }

    private static List<Map<String, Object>> inProcessProofs(String store, Options o) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BenchStore bs = BenchStore.fresh(store, o.workDir(), o.pgUrl())) {
            CountingStorage storage = new CountingStorage(bs.open("proofs"));
            try (LogEngine engine = AppendBench.engine(storage, o)) {
                System.out.printf("proofs: populating a %d-entry %s log ...%n", o.proofEntries(), store);
                long t0 = System.nanoTime();
                long size = ProofBench.populate(engine, o.proofEntries(), o.bodyBytes());
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("  %d entries published in %.1f s (%.0f/s with 4,096 adds in flight)%n", size,
                        seconds, size / seconds);
                Map<String, Object> fill = new LinkedHashMap<>();
                fill.put("path", "populate: LogEngine.add, 4096 in flight, until published");
                fill.put("store", store);
                fill.put("treeSize", size);
                fill.put("perSecond", Math.round(size / seconds));
                rows.add(fill);
                for (int threads : o.proofThreads()) {
                    rows.add(ProofBench.inProcess(store, engine, size, threads, o.proofDuration()));
                    System.out.println("  " + rows.getLast());
                }
            }
        }
        return rows;
    }


}
