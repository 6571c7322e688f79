package dev.hallmark.bench.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hallmark.bench.BenchEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reliability campaign's harness (issue 8; run by {@code ./bench/run-reliability <part>}): each part starts a real
 * {@code hallmark serve} in a child JVM and checks it from outside. Parts: {@code overload} (10× capacity, then
 * recovery; {@link Overload}), {@code slow-clients} (slowloris; {@link SlowClients}), {@code disk-full} (a data
 * directory on a small volume the script mounts; {@link DiskFull}). Prints every check as it is made, writes the
 * figures and checks as JSON, and exits 1 when a check failed.
 */
public final class Reliability {
    static final String USAGE = """
            Reliability --parts=overload,slow-clients | --parts=disk-full --data=<dir on a small volume> [--name=value ...]
              --cli-jar=hallmark-cli/target/hallmark-cli.jar   the server that is run (java -jar … serve)
              --heap=256m                                      the server's -Xms/-Xmx
              --factor=10 --warmup=15 --capacity-seconds=10 --overload-seconds=30 --pause=5
              --capacity-connections=64 --overload-connections=1024
              --workloads=append,packument,large-bodies       overload: what is overloaded
              --versions=100 --large-body-connections=300     versions of the package read; 9 MiB uploaders
              --slow-connections=600 --slow-seconds=30         slow-clients: half trickle a body, half their headers
              --ballast-mib=8 --volume=<description>           disk-full: space freed by deleting a ballast file
              --work-dir=<tmp> --keep=false --out=bench/results/reliability-<part>.json (several parts: <out>-<part>.json)
            """;
    private static final Set<String> NAMES = Set.of("parts", "cli-jar", "heap", "factor", "warmup", "capacity-seconds",
            "overload-seconds", "pause", "capacity-connections", "overload-connections", "versions", "slow-connections",
            "slow-seconds", "data", "volume", "ballast-mib", "work-dir", "out", "keep", "workloads", "large-body-connections");

    private Reliability() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !NAMES.contains(arg.substring(2, eq))) {
                System.err.println("unknown argument " + arg + "\n" + USAGE);
                System.exit(2);
            }
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        BenchEnvironment.quietLogging();
        List<String> parts = List.of(a.getOrDefault("parts", "overload").split(","));
        Path jar = Path.of(a.getOrDefault("cli-jar", "hallmark-cli/target/hallmark-cli.jar"));
        String heap = a.getOrDefault("heap", "256m");
        Path work = Files.createTempDirectory(Path.of(a.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))),
                "hallmark-reliability-");
        boolean passed = true;
        for (String part : parts) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("part", part);
            report.put("startedAt", Instant.now().toString());
            report.put("machine", BenchEnvironment.machine());
            report.put("serverHeap", heap);
            Checks checks = new Checks(part);
            switch (part) {
                case "overload" -> report.putAll(overload(a, jar, heap, work, checks));
                case "slow-clients" -> report.putAll(SlowClients.run(jar, heap, work,
                        num(a, "slow-connections", 600), Duration.ofSeconds(num(a, "slow-seconds", 30)), checks));
                case "disk-full" -> report.putAll(DiskFull.run(jar, heap, Path.of(required(a, "data")), work,
                        num(a, "ballast-mib", 8), a.getOrDefault("volume", "(not given)"), checks));
                default -> {
                    System.err.println("unknown part " + part + "\n" + USAGE);
                    System.exit(2);
                }
            }
            report.put("checks", checks.results());
            report.put("passed", checks.allPassed());
            report.put("loadAverageAtEnd", Overload.load());
            passed &= checks.allPassed();
            String given = a.get("out");
            Path out = Path.of(given == null ? "bench/results/reliability-" + part + ".json"
                    : parts.size() == 1 ? given : given.replaceFirst("(\\.json)?$", "-" + part + ".json"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
            System.out.println(part + ": " + (checks.allPassed() ? "PASSED" : "FAILED") + "; wrote " + out);
        }
        if (Boolean.parseBoolean(a.getOrDefault("keep", "false"))) {
            System.out.println("kept the work directory (server logs, data): " + work);
        } else {
            BenchEnvironment.deleteTree(work);
        }
        System.exit(passed ? 0 : 1);
    }

    private static Map<String, Object> overload(Map<String, String> a, Path jar, String heap, Path work, Checks checks)
            throws Exception {
        Overload.Settings s = new Overload.Settings(Duration.ofSeconds(num(a, "warmup", 15)),
                Duration.ofSeconds(num(a, "capacity-seconds", 10)), Duration.ofSeconds(num(a, "overload-seconds", 30)),
                Duration.ofSeconds(num(a, "pause", 5)), num(a, "capacity-connections", 64),
                num(a, "overload-connections", 1024), Double.parseDouble(a.getOrDefault("factor", "10")), 0.8, 2.0);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("settings", s.toString());
        Path data = work.resolve("overload-data");
        try (ServerProcess server = ServerProcess.start(jar, data, heap, work.resolve("overload-server.log"), List.of());
             HeapSampler heapSampler = new HeapSampler(server, 2000)) {
            System.out.println("server " + server.url() + " pid " + server.pid() + ", heap " + heap);
            List<String> workloads = List.of(a.getOrDefault("workloads", "append,packument,large-bodies").split(","));
            if (workloads.contains("append")) {
                LogEntryPool entries = new LogEntryPool(server.url());
                entries.grow(20_000);
                r.put("append", Overload.scenario("append", server, entries,
                        need -> entries.grow((int) Math.max(0, Math.min(need, 2_000_000) - entries.remaining())), true, s,
                        checks));
            }
            if (workloads.contains("packument")) {
                r.put("packument", packument(server, num(a, "versions", 100), s, checks));
            }
            if (workloads.contains("large-bodies")) {
                r.put("largeBodies", Overload.largeBodies(server, num(a, "large-body-connections", 300), s, checks));
            }
            checks.check("server process never died (sampled every 2 s)", !heapSampler.died(), server.alive());
            long retained = server.retainedHeapMiB();
            r.put("heapMaxUsedMiB", heapSampler.maxUsedMiB());
            r.put("rssMaxMiB", heapSampler.maxRssMiB());
            r.put("heapRetainedAfterMiB", retained);
            r.put("heapSamples", heapSampler.samples());
            long oom = server.logLinesContaining("OutOfMemoryError");
            checks.check("heap bounded: no OutOfMemoryError, retained heap after the load", oom == 0,
                    "max used " + heapSampler.maxUsedMiB() + " MiB of " + heap + ", retained after GC " + retained
                            + " MiB, max RSS " + heapSampler.maxRssMiB() + " MiB, OOM lines " + oom);
            r.put("serverLogErrorLines", server.logLinesContaining(" SEVERE "));
        }
        return r;
    }

    /** Publishes {@code versions} versions of one package, then overloads full-packument GETs of it. */
    private static Map<String, Object> packument(ServerProcess server, int versions, Overload.Settings s, Checks checks)
            throws Exception {
        String name = "reliability-pkg";
        String token = NpmPackages.token(server.url(), "reliability");
        for (int v = 0; v < versions; v++) {
            String version = "1.0." + v;
            byte[] tgz = NpmPackages.tarball(name, version, 20, 0, v);
            try (RawHttp http = new RawHttp(server.url(), 30_000)) {
                RawHttp.Reply reply = http.exchange(NpmPackages.publishRequest(server.url(), token, name,
                        NpmPackages.publishBody(server.url(), name, version, tgz, 20)), 4096);
                if (reply.status() != 201 && reply.status() != 200) {
                    throw new IllegalStateException("publish " + version + " answered " + reply.status() + ": " + reply.text());
                }
            }
        }
        byte[] get = RawHttp.request("GET", server.url(), "/" + name, "Accept: application/json\r\n", null);
        LoadRunner.Workload packument = new LoadRunner.Workload() {
            @Override
            public byte[] next() {
                return get;
            }

            @Override
            public void done(byte[] request, RawHttp.Reply reply) {
            }
        };
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("versions", versions);
        r.put("bytes", packumentBytes(server, name));
        r.putAll(Overload.scenario("packument", server, packument, need -> { }, false, s, checks));
        return r;
    }

    private static long packumentBytes(ServerProcess server, String name) throws java.io.IOException {
        try (RawHttp http = new RawHttp(server.url(), 30_000)) {
            return http.exchange(RawHttp.request("GET", server.url(), "/" + name, "Accept: application/json\r\n", null), 0)
                    .bodyLength();
        }
    }

    static int num(Map<String, String> a, String name, int fallback) {
        return Integer.parseInt(a.getOrDefault(name, Integer.toString(fallback)));
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            System.err.println("--" + name + " is required for this part\n" + USAGE);
            System.exit(2);
        }
        return v;
    }
}
