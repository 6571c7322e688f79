package dev.hallmark.bench.reliability;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Part 3 of the reliability campaign: {@code hallmark serve} with its data directory on a small volume (mounted by
 * {@code ./bench/run-reliability disk-full}, which needs root). A ballast file takes part of the volume; log entries and
 * package versions (512 KiB incompressible tarballs) are written, alternately, until both keep failing. Asserted:
 * every failed write is answered (no hang) with a 5xx whose body is a JSON error without a stack trace; reads still
 * work on the full disk; once the ballast is deleted writes succeed again; and after a restart every acknowledged log
 * entry is at its index with a verifying inclusion proof and every acknowledged version's tarball matches its
 * integrity, the last ones installing with the real npm client.
 */
final class DiskFull {
    static final String PACKAGE = "disk-full-pkg";
    private static final int FILLER_BYTES = 512 * 1024;
    private static final int STOP_AFTER_FAILURES = 5;

    private DiskFull() {
    }

    static Map<String, Object> run(Path jar, String heap, Path data, Path work, int ballastMiB, String volume,
            Checks checks) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        Path root = data.getParent();
        Files.createDirectories(data);
        Path ballast = root.resolve("ballast.bin");
        writeBallast(ballast, ballastMiB);
        r.put("volume", volume);
        r.put("ballastMiB", ballastMiB);
        r.put("freeMiBAtStart", free(root));
        WriteLedger ledger = new WriteLedger();
        List<Map<String, Object>> failures = new ArrayList<>();
        ServerProcess server = ServerProcess.start(jar, data, heap, work.resolve("disk-full-server.log"), List.of());
        try {
            URI base = server.url();
            String token = NpmPackages.token(base, "diskfull");
            LogEntryPool entries = new LogEntryPool(base);
            entries.grow(2_000);
            System.out.printf("disk-full: %s, %d MiB free; filling with log entries and %d KiB versions (%s)%n",
                    volume, free(root), FILLER_BYTES / 1024, Overload.load());
            long start = System.nanoTime();
            int logFailures = 0;
            int publishFailures = 0;
            int attempts = 0;
            for (int i = 0; (logFailures < STOP_AFTER_FAILURES || publishFailures < STOP_AFTER_FAILURES) && i < 5_000; i++) {
                attempts++;
                byte[] entry = entries.next();
                Attempt a = attempt(base, entry);
                if (a.status() == 201) {
                    ledger.logged(a.body());
                    logFailures = 0;
                } else {
                    failures.add(a.describe("log append"));
                    logFailures++;
                }
                String version = "1.0." + i;
                byte[] tgz = NpmPackages.tarball(PACKAGE, version, 5, FILLER_BYTES, i);
                Attempt p = attempt(base, NpmPackages.publishRequest(base, token, PACKAGE,
                        NpmPackages.publishBody(base, PACKAGE, version, tgz, 5)));
                if (p.status() == 201 || p.status() == 200) {
                    ledger.published(PACKAGE, version, NpmPackages.integrity(tgz));
                    publishFailures = 0;
                } else {
                    failures.add(p.describe("publish"));
                    publishFailures++;
                }
            }
            r.put("fillSeconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            r.put("attempts", attempts);
            r.put("acknowledgedLogEntries", ledger.entries.size());
            r.put("acknowledgedVersions", ledger.versions.size());
            r.put("freeMiBWhenFull", free(root));
            r.put("failedWrites", failures.size());
            r.put("failureSamples", failures.stream().limit(12).toList());
            System.out.printf("disk-full: %d log entries and %d versions acknowledged, then %d failed writes; %d MiB free%n",
                    ledger.entries.size(), ledger.versions.size(), failures.size(), free(root));
            failureChecks(failures, checks);

            checks.check("reads work on the full disk", readsWork(base, ledger), "healthz, log info, packument, entry");
            Files.delete(ballast);
            long freed = System.nanoTime();
            boolean logBack = false;
            boolean publishBack = false;
            for (int i = 0; (!logBack || !publishBack) && System.nanoTime() - freed < 120_000_000_000L; i++) {
                if (!logBack) {
                    Attempt a = attempt(base, entries.next());
                    if (a.status() == 201) {
                        ledger.logged(a.body());
                        logBack = true;
                    }
                }
                if (!publishBack) {
                    String version = "2.0." + i;
                    byte[] tgz = NpmPackages.tarball(PACKAGE, version, 5, 1024, i);
                    Attempt p = attempt(base, NpmPackages.publishRequest(base, token, PACKAGE,
                            NpmPackages.publishBody(base, PACKAGE, version, tgz, 5)));
                    if (p.status() == 201) {
                        ledger.published(PACKAGE, version, NpmPackages.integrity(tgz));
                        publishBack = true;
                    }
                }
                Thread.sleep(200);
            }
            double recoverySeconds = Math.round((System.nanoTime() - freed) / 1e8) / 10.0;
            r.put("secondsUntilWritesWorkAfterFreeing", recoverySeconds);
            checks.check("writes work again once space is freed", logBack && publishBack,
                    "log " + logBack + ", publish " + publishBack + " after " + recoverySeconds + " s");
            checks.check("server process up throughout", server.alive(), "pid " + server.pid());
        } finally {
            server.close();
        }
        r.put("serverLogErrorLines", server.logLinesContaining(" SEVERE "));

        try (ServerProcess again = ServerProcess.start(jar, data, heap, work.resolve("disk-full-restart.log"), List.of())) {
            int entriesOk = ledger.verifyEntries(again.url());
            int versionsOk = ledger.verifyVersions(again.url());
            r.put("problemsAfterRestart", ledger.problems.stream().limit(20).toList());
            checks.check("after a restart every acknowledged log entry has a valid inclusion proof",
                    entriesOk == ledger.entries.size() && !ledger.entries.isEmpty(),
                    entriesOk + " of " + ledger.entries.size());
            checks.check("after a restart every acknowledged version's tarball matches its integrity",
                    versionsOk == ledger.versions.size() && !ledger.versions.isEmpty(),
                    versionsOk + " of " + ledger.versions.size());
            List<String> installs = NpmInstall.latest(again.url(), work, ledger.versions, 3);
            r.put("npmInstalls", installs);
            if (installs.isEmpty() || installs.getFirst().startsWith("skipped")) {
                checks.record("npm install of the last acknowledged versions", installs);
            } else {
                checks.check("npm install of the last acknowledged versions",
                        installs.stream().allMatch(s -> s.endsWith(": installed")), installs);
            }
        }
        r.put("loadAverage", Overload.load());
        return r;
    }

    /** Every failure: a 5xx, a JSON object body naming the error, no stack trace, answered in under 30 s. */
    private static void failureChecks(List<Map<String, Object>> failures, Checks checks) {
        long logged = failures.stream().filter(f -> f.get("write").equals("log append")).count();
        long published = failures.size() - logged;
        checks.check("log appends and publishes fail once the disk is full", logged > 0 && published > 0,
                logged + " log appends, " + published + " publishes failed");
        List<Map<String, Object>> bad = failures.stream().filter(f -> !(Boolean) f.get("clean")).toList();
        checks.check("every failed write: 5xx with a JSON error body, no stack trace, no hang", bad.isEmpty(),
                bad.isEmpty() ? statuses(failures) : bad.stream().limit(3).toList());
    }

    private static Map<String, Long> statuses(List<Map<String, Object>> failures) {
        Map<String, Long> m = new java.util.TreeMap<>();
        failures.forEach(f -> m.merge(f.get("write") + " " + f.get("status"), 1L, Long::sum));
        return m;
    }

    /** One write: its status (-1 when the exchange failed), body, time taken. */
    record Attempt(int status, byte[] body, double millis, String transportError) {
        Map<String, Object> describe(String write) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("write", write);
            m.put("status", status);
            m.put("ms", Math.round(millis));
            String text = WriteLedger.text(body);
            m.put("body", text.length() > 300 ? text.substring(0, 300) : text);
            boolean json;
            try {
                json = Json.parse(body, 1 << 20).isObject();
            } catch (FormatException e) {
                json = false;
            }
            boolean trace = text.contains("Exception") || text.contains("\tat ");
            m.put("clean", status >= 500 && status <= 599 && json && !trace && millis < 30_000 && transportError == null);
            if (transportError != null) {
                m.put("transportError", transportError);
            }
            return m;
        }
    }

    static Attempt attempt(URI base, byte[] request) {
        long t0 = System.nanoTime();
        try (RawHttp http = new RawHttp(base, 60_000)) {
            RawHttp.Reply reply = http.exchange(request, 64 * 1024);
            return new Attempt(reply.status(), reply.body(), (System.nanoTime() - t0) / 1e6, null);
        } catch (IOException e) {
            return new Attempt(-1, new byte[0], (System.nanoTime() - t0) / 1e6, e.toString());
        }
    }

    private static boolean readsWork(URI base, WriteLedger ledger) throws IOException {
        List<String> paths = new ArrayList<>(List.of("/healthz", "/log/api/v1/log", "/" + PACKAGE));
        if (!ledger.entries.isEmpty()) {
            paths.add("/log/api/v1/log/entries?logIndex=" + ledger.entries.getLast().index());
        }
        try (RawHttp http = new RawHttp(base, 30_000)) {
            for (String path : paths) {
                RawHttp.Reply r = http.exchange(RawHttp.request("GET", base, path, "Accept: application/json\r\n", null), 0);
                if (r.status() != 200) {
                    System.out.println("  read " + path + " answered " + r.status());
                    return false;
                }
            }
        }
        return true;
    }

    private static void writeBallast(Path file, int mib) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        new Random(1).nextBytes(chunk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < mib; i++) {
                ch.write(ByteBuffer.wrap(chunk));
            }
            ch.force(true);
        }
    }

    private static long free(Path p) throws IOException {
        return Files.getFileStore(p).getUsableSpace() / (1024 * 1024);
    }
}
