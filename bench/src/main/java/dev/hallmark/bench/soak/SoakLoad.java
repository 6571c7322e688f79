package dev.hallmark.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.bench.HttpLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory under a sustained mixed load (issue 8: "memory under a 10-minute soak (flat)"; run by
 * {@code ./bench/run-soak}): {@code hallmark serve} in a child JVM with a 512 MiB heap, {@link SoakTraffic} at fixed
 * rates for the whole run, and every {@code sample-seconds} a full GC in the server and its heap after GC, RSS, open
 * file descriptors and threads. Memory is called flat when the least-squares slope of heap-after-GC over the last two
 * thirds of the run (the first third is warm-up: JIT, caches, connection pools) is at most the threshold (see
 * {@link #USAGE} and the README for why 0.5 MiB/min); descriptors and threads when their fitted growth over that window
 * is under 10. Afterwards one index search ({@code POST /api/v1/index/retrieve}), which builds the Rekor search index
 * in memory from the whole log, shows what that index costs per entry. Writes everything as JSON.
 */
public final class SoakLoad {
    static final String USAGE = """
            SoakLoad [--name=value ...]
              --minutes=10 --sample-seconds=10      run length; a full GC and a sample every so often
              --heap=512m                           the server's -Xmx
              --append-rate=100 --packument-rate=200 --tarball-rate=50 --log-read-rate=50   requests per second
              --publish-seconds=3 --packages=20     a publish (new version) every so often, round-robin over packages
              --threshold-mib-per-min=0.5           heap-after-GC slope above which memory is not flat
              --cli-jar=hallmark-cli/target/hallmark-cli.jar --work-dir=<tmp> --out=bench/results/soak.json
            """;
    private static final int FLAT_COUNT_GROWTH = 10;

    private SoakLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        double minutes = Double.parseDouble(o.get("minutes"));
        Duration sampleEvery = Duration.ofMillis(Math.round(Double.parseDouble(o.get("sample-seconds")) * 1000));
        double threshold = Double.parseDouble(o.get("threshold-mib-per-min"));
        SoakTraffic.Rates rates = new SoakTraffic.Rates(Double.parseDouble(o.get("append-rate")),
                Double.parseDouble(o.get("packument-rate")), Double.parseDouble(o.get("tarball-rate")),
                Double.parseDouble(o.get("log-read-rate")),
                Duration.ofMillis(Math.round(Double.parseDouble(o.get("publish-seconds")) * 1000)));
        Path work = Path.of(o.get("work-dir"));
        Files.createDirectories(work);
        Path dataDir = Files.createTempDirectory(work, "soak-data-");
        Path logDir = Files.createTempDirectory(work, "soak-logs-");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("machine", BenchEnvironment.machine());
        report.put("settings", o);
        List<Map<String, Object>> series = new ArrayList<>();
        try (ChildServer server = ChildServer.start(Path.of(o.get("cli-jar")).toAbsolutePath(), dataDir, o.get("heap"),
                logDir); HttpClient http = HttpLoad.client()) {
            System.out.printf("hallmark serve (pid %d, -Xmx%s) at %s; %s for %.1f min%n", server.pid(), o.get("heap"),
                    server.url(), rates, minutes);
            SoakTraffic traffic = SoakTraffic.start(http, server.url(), Integer.parseInt(o.get("packages")), rates);
            long start = System.nanoTime();
            long end = start + Math.round(minutes * 60e9);
            try {
                for (long next = start; ; next += sampleEvery.toNanos()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                    if (!server.alive()) {
                        throw new IllegalStateException("the server died; see " + logDir);
                    }
                    series.add(sample(server, traffic, (System.nanoTime() - start) / 60e9));
                    if (System.nanoTime() >= end) {
                        break;
                    }
                }
            } finally {
                traffic.close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.put("seconds", Math.round(seconds));
            report.put("traffic", traffic.summary(seconds));
            report.put("logEntriesAppended", traffic.appended());
            report.put("series", series);
            report.put("verdict", verdict(series, minutes, threshold, traffic, seconds));
            report.put("indexSearch", indexSearch(server, http, traffic.someDigest()));
            try (var lines = Files.lines(logDir.resolve("serve.err"))) {
                report.put("accessLogLines", lines.count());
            }
        } finally {
            BenchEnvironment.deleteTree(dataDir);
            BenchEnvironment.deleteTree(logDir);
        }
        report.put("loadAverageAtEnd", loadAverage());
        Path out = Path.of(o.get("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println("traffic: " + report.get("traffic"));
        System.out.println("verdict: " + report.get("verdict"));
        System.out.println("index search: " + report.get("indexSearch"));
        System.out.println("wrote " + out);
        System.exit(0);
    }

    private static Map<String, Object> sample(ChildServer server, SoakTraffic traffic, double minute) throws Exception {
        ChildServer.Sample s = server.sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minute", Trend.round(minute));
        m.put("heapAfterGcMiB", mib(s.heapAfterGcBytes()));
        m.put("heapCommittedMiB", mib(s.heapCommittedBytes()));
        m.put("nonHeapMiB", mib(s.nonHeapBytes()));
        m.put("rssMiB", mib(s.rssBytes()));
        m.put("rssOutsideHeapMiB", mib(s.rssBytes() - s.heapCommittedBytes()));
        m.put("openFiles", s.openFiles());
        m.put("threads", s.threads());
        m.put("logEntriesAppended", traffic.appended());
        long ok = traffic.tallies().values().stream().mapToLong(t -> t.ok.sum()).sum();
        long errors = traffic.tallies().values().stream().mapToLong(t -> t.errors.sum()).sum();
        m.put("requestsOk", ok);
        m.put("requestErrors", errors);
        m.put("loadAverage", loadAverage());
        System.out.printf("  t=%5.1f min heap-after-gc=%6.1f MiB committed=%5.0f rss=%5.0f MiB fds=%4d threads=%3d"
                + " appended=%7d ok=%8d errors=%d load=%.2f%n", minute, m.get("heapAfterGcMiB"),
                m.get("heapCommittedMiB"), m.get("rssMiB"), s.openFiles(), s.threads(), traffic.appended(), ok, errors,
                m.get("loadAverage"));
        return m;
    }

    /**
     * Flat or not, over the last two thirds of the run. The heap threshold's meaning is given in requests: at the
     * measured request rate, a leak of {@code detectableBytesPerRequest} or more per request would exceed it.
     */
    private static Map<String, Object> verdict(List<Map<String, Object>> series, double minutes, double threshold,
            SoakTraffic traffic, double seconds) {
        double from = minutes / 3;
        double window = minutes - from;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("windowFromMinute", Trend.round(from));
        Trend heap = Trend.of(series, "heapAfterGcMiB", from);
        Trend rss = Trend.of(series, "rssMiB", from);
        Trend outside = Trend.of(series, "rssOutsideHeapMiB", from);
        Trend files = Trend.of(series, "openFiles", from);
        Trend threads = Trend.of(series, "threads", from);
        v.put("heapAfterGcMiB", heap.toMap(window));
        v.put("rssMiB", rss.toMap(window));
        v.put("rssOutsideHeapMiB", outside.toMap(window));
        v.put("openFiles", files.toMap(window));
        v.put("threads", threads.toMap(window));
        long requests = traffic.tallies().values().stream().mapToLong(t -> t.ok.sum()).sum();
        double perMinute = requests / (seconds / 60);
        v.put("heapThresholdMiBPerMinute", threshold);
        v.put("requestsPerMinute", Math.round(perMinute));
        v.put("appendsPerMinute", Math.round(traffic.appended() / (seconds / 60)));
        v.put("detectableBytesPerRequest", Math.round(threshold * 1048576 / perMinute));
        v.put("detectableBytesPerAppend", Math.round(threshold * 1048576 / (traffic.appended() / (seconds / 60))));
        v.put("heapFlat", heap.slopePerMinute() <= threshold);
        v.put("openFilesFlat", files.slopePerMinute() * window < FLAT_COUNT_GROWTH);
        v.put("threadsFlat", threads.slopePerMinute() * window < FLAT_COUNT_GROWTH);
        return v;
    }

    /** The first index search reads the whole log into the in-memory search index: its time and heap cost. */
    private static Map<String, Object> indexSearch(ChildServer server, HttpClient http, String digest)
            throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long before = server.sample().heapAfterGcBytes();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/log/api/v1/index/retrieve")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hash\":\"" + digest + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        m.put("firstSearchMillis", Math.round((System.nanoTime() - t0) / 1e6));
        m.put("status", r.statusCode());
        m.put("found", r.body().length() > 2);
        long after = server.sample().heapAfterGcBytes();
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/log/api/v1/log"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long size = new ObjectMapper().readTree(info.body()).path("treeSize").asLong();
        m.put("logSize", size);
        m.put("heapAfterGcBeforeMiB", mib(before));
        m.put("heapAfterGcAfterMiB", mib(after));
        m.put("bytesPerEntry", size == 0 ? 0 : Math.round((double) (after - before) / size));
        return m;
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 100) / 100.0;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("minutes", "10");
        m.put("sample-seconds", "10");
        m.put("heap", "512m");
        m.put("append-rate", "100");
        m.put("packument-rate", "200");
        m.put("tarball-rate", "50");
        m.put("log-read-rate", "50");
        m.put("publish-seconds", "3");
        m.put("packages", "20");
        m.put("threshold-mib-per-min", "0.5");
        m.put("cli-jar", "hallmark-cli/target/hallmark-cli.jar");
        m.put("work-dir", System.getProperty("java.io.tmpdir"));
        m.put("out", "bench/results/soak.json");
        Map<String, String> given = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !m.containsKey(a.substring(2, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
            given.put(a.substring(2, eq), a.substring(eq + 1));
        }
        m.putAll(given);
        for (String k : List.of("minutes", "sample-seconds", "append-rate", "packument-rate", "tarball-rate",
                "log-read-rate", "publish-seconds", "packages", "threshold-mib-per-min")) {
            try {
                if (!(Double.parseDouble(m.get(k)) >= 0)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + k + ": not a number: " + m.get(k) + "\n" + USAGE);
            }
        }
        return m;
    }
}
