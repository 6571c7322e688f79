package dev.hallmark.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.bench.DiskUsage;
import dev.hallmark.bench.HttpLoad;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The npm registry at several package counts (issue 8, "scale"): a fresh data dir per count, a real server, one real
 * publish (the probe: its stored shape and its {@code dist.signatures} are what the bulk rows copy), the bulk fill
 * ({@link RegistryFill}), then reads through the real HTTP server: packuments full and abbreviated for one hot package
 * and for uniformly random ones, tarballs, search, and publish latency; then, on a restarted server (empty packument
 * cache, JIT warm), every package's first GET once ("cold"). One row per count.
 */
final class RegistryScale {
    private static final String PROBE = "scale-probe";

    private RegistryScale() {
    }

    record Settings(List<Integer> counts, int clients, Duration warmup, Duration duration, int publishes,
            int distinctTarballs, Path workDir) {
    }

    static List<Map<String, Object>> run(Settings s) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        // A discarded pass at the smallest count first, so the first row does not measure the JIT (the cold path
        // especially: it is the only one that reads and renders packuments on every request).
        int smallest = s.counts().stream().min(Integer::compare).orElseThrow();
        System.out.printf("registry %,d packages (warm-up, not recorded) ...%n", smallest);
        one(smallest, s);
        for (int n : s.counts()) {
            System.out.printf("registry %,d packages ...%n", n);
            Map<String, Object> row = one(n, s);
            System.out.println("  " + row);
            rows.add(row);
        }
        return rows;
    }

    /** A fresh data dir with a signed-up user, the probe published, and {@code specs} filled in bulk. */
    record Filled(Path dataDir, String token, Map<String, Object> fill) {
    }

    static Filled prepare(RegistryServer server, Path dataDir, List<NpmFixture.Spec> specs, int distinctTarballs)
            throws Exception {
        String token = server.signUp();
        ObjectNode json = NpmFixture.packageJson(PROBE, NpmFixture.version(0), 0);
        NpmFixture.Tarball t = NpmFixture.tarball(json);
        server.publish(token, PROBE, NpmFixture.publishBody(NpmFixture.versionDocument(json, t, server.url), t));
        JsonNode probe = server.packument(PROBE).path("versions").path(NpmFixture.version(0));
        JsonNode dist = probe.path("dist");
        if (dist.path("fileCount").asLong() != t.fileCount() || dist.path("unpackedSize").asLong() != t.unpackedSize()
                || !dist.path("signatures").isArray()) {
            throw new IllegalStateException("the bulk fill would not store what a publish stores: " + dist);
        }
        String signatures = new String(Json.write(dist.get("signatures")), StandardCharsets.UTF_8);
        Map<String, Object> fill = RegistryFill.fill(dataDir.resolve("hallmark.db"), dataDir.resolve("tarballs"),
                specs, server.url, signatures, Instant.now().minus(Duration.ofDays(30)), distinctTarballs);
        // The bulk rows must read back as a published version does: same fields, same dist fields.
        NpmFixture.Spec last = specs.getLast();
        String lastVersion = NpmFixture.version(last.versions() - 1);
        JsonNode packument = server.packument(last.name());
        JsonNode bulk = packument.path("versions").path(lastVersion);
        if (packument.path("versions").size() != last.versions()
                || !RegistryClient.fieldNames(bulk).equals(RegistryClient.fieldNames(probe))
                || !RegistryClient.fieldNames(bulk.path("dist")).equals(RegistryClient.fieldNames(dist))) {
            throw new IllegalStateException("bulk-filled " + last.name() + " does not read back like a publish: "
                    + bulk + " vs " + probe);
        }
        byte[] tgz = server.tarball(last.name(), lastVersion);
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(Digest.sha512(tgz).value().toArray());
        if (!integrity.equals(bulk.path("dist").path("integrity").asText())) {
            throw new IllegalStateException("the tarball of " + last.name() + " does not match its dist.integrity");
        }
        return new Filled(dataDir, token, fill);
    }

    private static Map<String, Object> one(int n, Settings s) throws Exception {
        Files.createDirectories(s.workDir());
        Path dataDir = Files.createTempDirectory(s.workDir(), "scale-registry-");
        try {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("packages", n);
            row.put("loadAverage", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
                    / 100.0);
            List<NpmFixture.Spec> specs = IntStream.range(0, n)
                    .mapToObj(i -> new NpmFixture.Spec(NpmFixture.name(i), i, NpmFixture.versionCount(i))).toList();
            try (RegistryServer server = RegistryServer.start(dataDir)) {
                Filled filled = prepare(server, dataDir, specs, s.distinctTarballs());
                row.putAll(filled.fill());
                warmReads(server, n, s, row);
                publishes(server, filled.token(), n, s, row);
            }
            Path db = dataDir.resolve("hallmark.db");
            row.put("dbObjects", DiskUsage.sqliteObjects(db)); // also moves the WAL's pages into the file
            long dbBytes = DiskUsage.size(db) + DiskUsage.size(Path.of(db + "-wal"));
            row.put("dbBytes", dbBytes);
            row.put("dbBytesPerVersion", Math.round((double) dbBytes / ((Number) row.get("versions")).longValue()));
            row.put("tarballDirBytes", DiskUsage.treeBytes(dataDir.resolve("tarballs")));
            row.put("tarballFiles", DiskUsage.fileCount(dataDir.resolve("tarballs")));
            try (RegistryServer server = RegistryServer.start(dataDir)) {
                coldReads(server, n, s, row);
            }
            return row;
        } finally {
            BenchEnvironment.deleteTree(dataDir);
        }
    }

    private static void warmReads(RegistryServer server, int n, Settings s, Map<String, Object> row) throws Exception {
        String hot = NpmFixture.name(Math.min(2, n - 1));
        // JIT and packument cache warm-up: every kind of read, random packages
        HttpLoad.random(server.client, "warm-up", r -> switch (r.nextInt(3)) {
            case 0 -> server.packumentRequest(NpmFixture.name(r.nextInt(n)), false);
            case 1 -> server.packumentRequest(NpmFixture.name(r.nextInt(n)), true);
            default -> tarball(server, r, n);
        }, s.clients(), Duration.ZERO, s.duration().multipliedBy(2));
        measure(row, "hotFull", HttpLoad.random(server.client, "GET packument full, one package",
                r -> server.packumentRequest(hot, false), s.clients(), s.warmup(), s.duration()));
        measure(row, "hotAbbreviated", HttpLoad.random(server.client, "GET packument abbreviated, one package",
                r -> server.packumentRequest(hot, true), s.clients(), s.warmup(), s.duration()));
        measure(row, "randomFull", HttpLoad.random(server.client, "GET packument full, uniform random",
                r -> server.packumentRequest(NpmFixture.name(r.nextInt(n)), false), s.clients(), s.warmup(),
                s.duration()));
        measure(row, "randomAbbreviated", HttpLoad.random(server.client, "GET packument abbreviated, uniform random",
                r -> server.packumentRequest(NpmFixture.name(r.nextInt(n)), true), s.clients(), s.warmup(),
                s.duration()));
        measure(row, "tarball", HttpLoad.random(server.client, "GET tarball, uniform random",
                r -> tarball(server, r, n), s.clients(), s.warmup(), s.duration()));
        measure(row, "searchAll", HttpLoad.random(server.client, "GET search matching every package",
                r -> server.searchRequest("scale-pkg"), s.clients(), s.warmup(), s.duration()));
        // One client: a search matching one package scans every package, so its latency alone is the cost growth
        // (with 16 clients at 10^4 packages each took seconds and none completed in the window at 10^5).
        measure(row, "searchOne", HttpLoad.random(server.client, "GET search matching one package, one client",
                r -> server.searchRequest("kw" + r.nextInt(n) + "x"), 1, s.warmup(), s.duration()));
    }

    private static HttpRequest tarball(RegistryServer server, SplittableRandom r, int n) {
        int i = r.nextInt(n);
        return server.tarballRequest(NpmFixture.name(i), NpmFixture.version(r.nextInt(NpmFixture.versionCount(i))));
    }

    /** New versions of random existing packages, one after the other, through the real PUT. */
    private static void publishes(RegistryServer server, String token, int n, Settings s, Map<String, Object> row)
            throws Exception {
        Random random = new Random(5);
        long[] nanos = new long[s.publishes()];
        for (int j = 0; j < nanos.length; j++) {
            int i = random.nextInt(n);
            String name = NpmFixture.name(i);
            ObjectNode json = NpmFixture.packageJson(name, "2." + j + ".0", i);
            NpmFixture.Tarball t = NpmFixture.tarball(json);
            nanos[j] = server.publish(token, name, NpmFixture.publishBody(
                    NpmFixture.versionDocument(json, t, server.url), t));
        }
        Arrays.sort(nanos);
        row.put("publishes", nanos.length);
        row.put("publishP50Millis", Math.round(nanos[nanos.length / 2] / 1e4) / 100.0);
        row.put("publishP90Millis", Math.round(nanos[(int) Math.ceil(nanos.length * 0.9) - 1] / 1e4) / 100.0);
        row.put("publishMaxMillis", Math.round(nanos[nanos.length - 1] / 1e4) / 100.0);
    }

    /** First GETs on a restarted server: each package once, in random order, full then abbreviated. */
    private static void coldReads(RegistryServer server, int n, Settings s, Map<String, Object> row) throws Exception {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, new Random(3));
        List<HttpRequest> full = order.stream().map(i -> server.packumentRequest(NpmFixture.name(i), false)).toList();
        List<HttpRequest> abbreviated = order.stream().map(i -> server.packumentRequest(NpmFixture.name(i), true))
                .toList();
        measure(row, "coldFull", HttpLoad.eachOnce(server.client, "GET packument full, first GET of each",
                full, s.clients(), s.duration()));
        measure(row, "coldAbbreviated", HttpLoad.eachOnce(server.client,
                "GET packument abbreviated, first GET of each", abbreviated, s.clients(), s.duration()));
    }

    static void measure(Map<String, Object> row, String key, Map<String, Object> result) {
        long errors = ((Number) result.get("errors")).longValue();
        if (errors > 0) { // kept in the row and the table rather than losing the run
            row.put(key + "Errors", errors);
            System.out.println("    WARNING " + key + ": " + errors + " requests failed");
        }
        row.put(key + "PerSecond", result.get("perSecond"));
        row.put(key + "P50Millis", result.get("p50Millis"));
        row.put(key + "P99Millis", result.get("p99Millis"));
        row.put(key + "Bytes", result.get("meanBytes"));
        row.put(key + "Requests", result.get("requests"));
        System.out.println("    " + key + ": " + result);
    }
}
