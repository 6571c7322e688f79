package dev.hallmark.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.bench.log.LogScale;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the figures grow with the data (issue 8, "scale"; run by {@code ./bench/run-scale}): the transparency log at
 * 10³…10⁶ entries ({@link LogScale}) and the npm registry at 10²…10⁵ packages ({@link RegistryScale}), plus packument
 * cost against version count ({@link VersionSweep}). Prints one figure × size table per part with the growth factor
 * and writes every row, the tables and the settings as JSON.
 */
public final class ScaleLoad {
    private ScaleLoad() {
    }

    public static void main(String[] args) throws Exception {
        ScaleOptions o;
        try {
            o = ScaleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchEnvironment.quietLogging();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("machine", BenchEnvironment.machine());
        report.put("settings", o.asMap());
        System.out.println("machine:  " + report.get("machine"));
        System.out.println("settings: " + report.get("settings"));
        Map<String, Object> tables = new LinkedHashMap<>();
        if (o.runs("log")) {
            List<Map<String, Object>> rows = LogScale.run(o.log());
            report.put("log", rows);
            for (String store : o.log().stores()) {
                tables.put("log-" + store, ScaleTables.print("Transparency log, " + store + " (figure x entries)",
                        "size", rows.stream().filter(r -> store.equals(r.get("store"))).toList(), ScaleTables.LOG));
            }
        }
        if (o.runs("registry")) {
            List<Map<String, Object>> rows = RegistryScale.run(o.registry());
            report.put("registry", rows);
            tables.put("registry", ScaleTables.print("npm registry, SQLite (figure x packages)", "packages", rows,
                    ScaleTables.REGISTRY));
        }
        if (o.runs("versions")) {
            System.out.println("packument against version count ...");
            List<Map<String, Object>> rows = VersionSweep.run(o.versions(), o.versionCopies(), o.clients(),
                    o.warmup(), o.duration(), o.workDir());
            report.put("versions", rows);
            tables.put("versions", ScaleTables.print("Packument against versions in the package", "versions", rows,
                    ScaleTables.VERSIONS));
        }
        report.put("tables", tables);
        report.put("finishedAt", Instant.now().toString());
        report.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().toFile(), report);
        System.out.println("wrote " + o.out());
        System.exit(0); // HTTP client and server pools may leave non-daemon threads behind
    }
}
