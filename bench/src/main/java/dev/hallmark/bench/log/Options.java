package dev.hallmark.bench.log;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load harness's settings, from {@code --name=value} arguments; every one has a default (see {@link #USAGE}).
 * The engine settings are the tuned ones: group commit (batch age 0) with large batches, and a queue deeper than the
 * most submitters, so a closed loop is never told "overloaded".
 */
record Options(List<String> parts, List<String> stores, List<Integer> submitters, Duration warmup, Duration duration,
        int bodyBytes, int batch, Duration batchAge, int queue, int step, int cachedTiles, int proofEntries, Duration proofDuration,
        List<Integer> proofThreads, List<Integer> httpClients, Duration memoryDuration, Duration memorySample,
        int memorySubmitters, String pgUrl, Path workDir, Path out) {

    static final String USAGE = """
            LogLoad [--name=value ...]
              --parts=appends,proofs,http,memory   what to measure
              --stores=sqlite,postgres             append stores
              --submitters=1,64,1024               concurrent closed-loop submitters (virtual threads)
              --warmup=3 --duration=10             seconds per append measurement
              --body=300                           entry size in bytes
              --batch=4096 --batch-age-ms=0 --queue=8192 --step=4096 --cached-tiles=8192
                                                   LogEngineBuilder: maxBatchEntries, maxBatchAge, queueCapacity,
                                                   maxIntegrationStep, cachedTiles
              --proof-entries=100000 --proof-seconds=5 --proof-threads=1,2 --http-clients=16,64
              --memory-seconds=30 --memory-sample=5 --memory-submitters=64
              --pg-url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres
              --work-dir=<tmp> --out=bench/results/log-load.json
            """;

    private static final Set<String> NAMES = Set.of("parts", "stores", "submitters", "warmup", "duration", "body",
            "batch", "batch-age-ms", "queue", "step", "cached-tiles", "proof-entries", "proof-seconds", "proof-threads",
            "http-clients", "memory-seconds", "memory-sample", "memory-submitters", "pg-url", "work-dir", "out");

    static Options parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !NAMES.contains(a.substring(2, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
            m.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return new Options(list(m, "parts", "appends,proofs,http,memory"), list(m, "stores", "sqlite,postgres"),
                ints(m, "submitters", "1,64,1024"), seconds(m, "warmup", "3"), seconds(m, "duration", "10"),
                num(m, "body", "300"), num(m, "batch", "4096"), Duration.ofMillis(num(m, "batch-age-ms", "0")),
                num(m, "queue", "8192"), num(m, "step", "4096"), num(m, "cached-tiles", "8192"),
                num(m, "proof-entries", "100000"),
                seconds(m, "proof-seconds", "5"), ints(m, "proof-threads", "1,2"), ints(m, "http-clients", "16,64"),
                seconds(m, "memory-seconds", "30"), seconds(m, "memory-sample", "5"),
                num(m, "memory-submitters", "64"),
                m.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
                Path.of(m.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))),
                Path.of(m.getOrDefault("out", "bench/results/log-load.json")));
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    Map<String, Object> engineSettings() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("maxBatchEntries", batch);
        e.put("maxBatchAgeMillis", batchAge.toMillis());
        e.put("queueCapacity", queue);
        e.put("maxIntegrationStep", step);
        e.put("cachedTiles", cachedTiles);
        e.put("entryBytes", bodyBytes);
        return e;
    }

    private static List<String> list(Map<String, String> m, String name, String dflt) {
        return Arrays.stream(m.getOrDefault(name, dflt).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<Integer> ints(Map<String, String> m, String name, String dflt) {
        return list(m, name, dflt).stream().map(Integer::parseInt).toList();
    }

    private static int num(Map<String, String> m, String name, String dflt) {
        return Integer.parseInt(m.getOrDefault(name, dflt));
    }

    private static Duration seconds(Map<String, String> m, String name, String dflt) {
        return Duration.ofMillis(Math.round(Double.parseDouble(m.getOrDefault(name, dflt)) * 1000));
    }
}
