package dev.hallmark.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.interop.StockNpm;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hallmark audit} against stock {@code npm audit signatures} on the same installed project and the same warm
 * local Hallmark (issue 7 "Performance": under 1 s and at least 10× faster than npm for 1,800 packages). Both tools
 * check every package's registry signature and both attestations (provenance and the registry's publish
 * attestation); hallmark also evaluates an identity policy. Each tool runs once to warm up (npm's TUF refresh, the
 * server's caches), then {@code --runs} times, interleaved; the figures are wall times of the whole process, JVM start
 * included, and for hallmark also the audit time it reports itself. Each run's counts are checked, so a run that
 * verified less than everything is never timed as a success.
 */
public final class AuditBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NPM_SIGNATURES = Pattern.compile("(\\d+) packages? ha(?:s|ve) (?:a )?verified registry signatures?");
    private static final Pattern NPM_ATTESTATIONS = Pattern.compile("(\\d+) packages? ha(?:s|ve) (?:a )?verified attestations?");

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("hallmark.root", ".")).toAbsolutePath().normalize();
        AuditOptions o;
        try {
            o = AuditOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchEnvironment.quietLogging();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("machine", BenchEnvironment.machine());
        try (AuditProject world = AuditProject.open(o)) {
            report.put("setup", world.prepare(o.packages()));
            StockNpm npm = world.npm();
            report.put("npmVersion", npm.run(world.project, "--version").stdout().strip());
            List<String> audit = List.of("audit", "--dir", world.project.toString(), "--trusted-root",
                    world.data.resolve("trust/trusted_root.json").toString(), "--policy", world.policy.toString(), "--json");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> javaJar = new ArrayList<>(List.of(java, "-jar", o.cliJar().toString()));
            javaJar.addAll(audit);
            // what ./hallmark adds for short-lived commands, without the script's own start-up
            List<String> javaJarTuned = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", o.cliJar().toString()));
            javaJarTuned.addAll(audit);
            List<String> launcher = new ArrayList<>(List.of(o.launcher().toString()));
            launcher.addAll(audit);

            System.out.println("warm-up: one run of each ...");
            check(hallmark(launcher, world.state), o.packages(), "hallmark audit (warm-up)");
            check(npm(npm, world.project), o.packages(), "npm audit signatures (warm-up)");

            Series jar = new Series();
            Series tuned = new Series();
            Series script = new Series();
            Series npmWarm = new Series();
            for (int i = 0; i < o.runs(); i++) {
                script.add(check(hallmark(launcher, world.state), o.packages(), "hallmark audit (./hallmark)"));
                tuned.add(check(hallmark(javaJarTuned, world.state), o.packages(), "hallmark audit (java -jar, C1)"));
                jar.add(check(hallmark(javaJar, world.state), o.packages(), "hallmark audit (java -jar)"));
                npmWarm.add(check(npm(npm, world.project), o.packages(), "npm audit signatures"));
                System.out.printf("run %d: ./hallmark %d ms (audit %d ms, CPU %d ms), java -jar C1 %d ms, java -jar %d ms,"
                        + " npm %d ms (CPU %d ms) (load %.2f)%n", i + 1, script.last().wallMs(), script.last().reportedMs(),
                        script.last().cpuMs(), tuned.last().wallMs(), jar.last().wallMs(), npmWarm.last().wallMs(),
                        npmWarm.last().cpuMs(), load());
            }
            Series npmCold = new Series();
            for (int i = 0; i < o.npmColdRuns(); i++) {
                BenchEnvironment.deleteTree(world.npmCache().resolve("_cacache")); // its HTTP cache; _tuf stays
                npmCold.add(check(npm(npm, world.project), o.packages(), "npm audit signatures (cold cache)"));
                System.out.printf("npm, empty HTTP cache: %d ms%n", npmCold.last().wallMs());
            }
            Map<String, Object> hallmark = new LinkedHashMap<>();
            hallmark.put("launcher", script.toMap());
            hallmark.put("javaJarLauncherFlags", tuned.toMap());
            hallmark.put("javaJarDefaults", jar.toMap());
            hallmark.put("command", "hallmark " + String.join(" ", audit).replace(world.state.toString(), "$STATE"));
            report.put("hallmark", hallmark);
            Map<String, Object> npmReport = new LinkedHashMap<>();
            npmReport.put("warmCache", npmWarm.toMap());
            if (!npmCold.runs.isEmpty()) {
                npmReport.put("coldHttpCache", npmCold.toMap());
            }
            npmReport.put("command", "npm audit signatures");
            report.put("npm", npmReport);
            double speedup = (double) npmWarm.median(Run::wallMs) / script.median(Run::wallMs);
            report.put("speedupWallLauncherVsNpm", Math.round(speedup * 10) / 10.0);
            report.put("loadAverageAtEnd", load());
            System.out.println();
            System.out.printf("%-34s %10s %12s %10s %12s%n", "median of " + o.runs() + " runs", "wall ms", "in-process ms",
                    "CPU ms", "server CPU ms");
            row("hallmark audit (./hallmark)", script);
            row("hallmark audit (java -jar, C1)", tuned);
            row("hallmark audit (java -jar)", jar);
            row("npm audit signatures", npmWarm);
            if (!npmCold.runs.isEmpty()) {
                row("npm audit signatures (cold cache)", npmCold);
            }
            double cpuRatio = (double) npmWarm.median(Run::cpuMs) / script.median(Run::cpuMs);
            report.put("cpuRatioLauncherVsNpm", Math.round(cpuRatio * 10) / 10.0);
            System.out.printf("npm / hallmark (./hallmark): %.1fx wall, %.1fx CPU%n", speedup, cpuRatio);
        }
        Files.createDirectories(o.out().getParent());
        JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().toFile(), report);
        System.out.println("wrote " + o.out());
        System.exit(0);
    }

    private static void row(String name, Series s) {
        long reported = s.runs.getFirst().reportedMs() >= 0 ? s.median(Run::reportedMs) : -1;
        System.out.printf("%-34s %10d %12s %10d %12d%n", name, s.median(Run::wallMs), reported < 0 ? "-" : Long.toString(reported),
                s.median(Run::cpuMs), s.median(Run::serverCpuMs));
    }

    /**
     * One timed run: wall time of the process, the audit time it reported (hallmark only), the CPU time the tool's
     * processes used (user + system, all threads and child processes) and the CPU time this harness used meanwhile
     * (the registry it serves, and for npm the TUF proxy), the counts it printed, and the 1-minute load average before.
     * CPU times matter on a shared machine: other work stretches wall times, much less the CPU a run needs.
     */
    record Run(long wallMs, long reportedMs, long cpuMs, long serverCpuMs, int signatures, int attestations,
               double loadBefore) {
    }

    /** CPU time, in ms, of this process ({@code self}) or of its waited-for children, from /proc/self/stat. */
    static long cpuMs(boolean self) {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0] is field 3 (state); utime, stime, cutime, cstime are fields 14-17
            long ticks = self ? Long.parseLong(f[11]) + Long.parseLong(f[12]) : Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 1000 / CLOCK_TICKS;
        } catch (java.io.IOException | RuntimeException e) {
            return -1; // not Linux: no CPU figures
        }
    }

    /** USER_HZ, 100 on Linux for every architecture the JDK runs on. */
    private static final long CLOCK_TICKS = 100;

    static final class Series {
        final List<Run> runs = new ArrayList<>();

        void add(Run r) {
            runs.add(r);
        }

        Run last() {
            return runs.getLast();
        }

        long median(java.util.function.ToLongFunction<Run> f) {
            long[] v = runs.stream().mapToLong(f).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("medianWallMs", median(Run::wallMs));
            if (runs.getFirst().reportedMs() >= 0) {
                m.put("medianInProcessMs", median(Run::reportedMs));
            }
            m.put("medianCpuMs", median(Run::cpuMs));
            m.put("medianServerCpuMs", median(Run::serverCpuMs));
            m.put("runs", runs);
            return m;
        }
    }

    private static Run hallmark(List<String> command, Path state) throws Exception {
        Path out = Files.createTempFile(state, "hallmark-", ".json");
        Path err = Files.createTempFile(state, "hallmark-", ".err");
        try {
            double load = load();
            long cpu0 = cpuMs(false);
            long server0 = cpuMs(true);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int exit = p.waitFor();
            long wall = (System.nanoTime() - t0) / 1_000_000;
            long cpu = cpuMs(false) - cpu0;
            long server = cpuMs(true) - server0;
            JsonNode report = exit == 0 ? JSON.readTree(out.toFile()) : null;
            if (report == null || !report.path("ok").asBoolean()) {
                throw new IllegalStateException("hallmark audit exited " + exit + ": " + Files.readString(err)
                        + Files.readString(out).lines().limit(40).toList());
            }
            return new Run(wall, report.get("elapsedMillis").asLong(), cpu, server,
                    report.at("/counts/signaturesVerified").asInt(), report.at("/counts/attestationsVerified").asInt(), load);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run npm(StockNpm npm, Path project) throws Exception {
        double load = load();
        long cpu0 = cpuMs(false);
        long server0 = cpuMs(true);
        long t0 = System.nanoTime();
        StockNpm.Result r = npm.run(project, Duration.ofMinutes(20), "audit", "signatures");
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = cpuMs(false) - cpu0;
        long server = cpuMs(true) - server0;
        if (r.exit() != 0) {
            throw new IllegalStateException("npm audit signatures exited " + r.exit() + ": "
                    + r.output().lines().limit(40).toList());
        }
        return new Run(wall, -1, cpu, server, count(NPM_SIGNATURES, r.stdout()), count(NPM_ATTESTATIONS, r.stdout()), load);
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Every package must have verified both ways, or the run is not a result. */
    private static Run check(Run r, int packages, String what) {
        if (r.signatures() != packages || r.attestations() != packages) {
            throw new IllegalStateException(what + " verified " + r.signatures() + " signatures and " + r.attestations()
                    + " attestations, expected " + packages + " of each");
        }
        return r;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
