package dev.hallmark.bench.scale;

import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.bench.HttpLoad;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Packument cost against a package's version count (issue 8, "scale": the packument is the one read whose size grows
 * with the package): packages with 1, 10, 100, 1,000 versions in one registry; a cached GET of one of them (many
 * clients), and the first GET of each of {@code copies} packages with that count on a restarted server, one at a time
 * (render latency: database read, JSON parse of every stored manifest, write).
 */
final class VersionSweep {
    private VersionSweep() {
    }

    static List<Map<String, Object>> run(List<Integer> versionCounts, int copies, int clients, Duration warmup,
            Duration duration, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        Path dataDir = Files.createTempDirectory(workDir, "scale-versions-");
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            List<NpmFixture.Spec> specs = new ArrayList<>();
            for (int k : versionCounts) {
                for (int j = 0; j < copies; j++) {
                    specs.add(new NpmFixture.Spec(name(k, j), 100_000 + k * 100 + j, k));
                }
            }
            try (RegistryServer server = RegistryServer.start(dataDir)) {
                RegistryScale.prepare(server, dataDir, specs, 1024);
                for (int k : versionCounts) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("versions", k);
                    row.put("loadAverage", Math.round(ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage() * 100) / 100.0);
                    RegistryScale.measure(row, "hotFull", HttpLoad.random(server.client, "GET packument full, cached",
                            r -> server.packumentRequest(name(k, 0), false), clients, warmup, duration));
                    RegistryScale.measure(row, "hotAbbreviated", HttpLoad.random(server.client,
                            "GET packument abbreviated, cached", r -> server.packumentRequest(name(k, 0), true),
                            clients, warmup, duration));
                    rows.add(row);
                }
            }
            try (RegistryServer server = RegistryServer.start(dataDir)) {
                server.packument("scale-probe"); // connection and request path warm before the first timed GET
                for (Map<String, Object> row : rows) {
                    int k = (Integer) row.get("versions");
                    List<HttpRequest> full = IntStream.range(0, copies)
                            .mapToObj(j -> server.packumentRequest(name(k, j), false)).toList();
                    List<HttpRequest> abbreviated = IntStream.range(0, copies)
                            .mapToObj(j -> server.packumentRequest(name(k, j), true)).toList();
                    RegistryScale.measure(row, "coldFull", HttpLoad.eachOnce(server.client,
                            "GET packument full, first GET, one client", full, 1, duration.multipliedBy(4)));
                    RegistryScale.measure(row, "coldAbbreviated", HttpLoad.eachOnce(server.client,
                            "GET packument abbreviated, first GET, one client", abbreviated, 1,
                            duration.multipliedBy(4)));
                    System.out.println("  versions " + row);
                }
            }
            return rows;
        } finally {
            BenchEnvironment.deleteTree(dataDir);
        }
    }

    private static String name(int versions, int copy) {
        return "sweep-v" + versions + "-" + copy;
    }
}
