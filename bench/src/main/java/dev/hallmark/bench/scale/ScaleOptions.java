package dev.hallmark.bench.scale;

import dev.hallmark.bench.log.LogScale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scale run's settings, from {@code --name=value} arguments; every one has a default (see {@link #USAGE}). */
record ScaleOptions(Map<String, String> values) {
    static final String USAGE = """
            ScaleLoad [--name=value ...]
              --parts=log,registry,versions        what to measure
              --log-sizes=1000,10000,100000,1000000  log sizes (entries)
              --stores=sqlite,postgres             log stores; --pg-max-size=1000000 skips larger PostgreSQL logs
              --submitters=64 --append-warmup=2 --append-seconds=5   appends measured from each size
              --read-seconds=4 --http-clients=16   in-process proofs and HTTP reads of the log, per figure
              --package-counts=100,1000,10000,100000   registry sizes (packages of 1-5 versions, 3 on average)
              --clients=16 --warmup=2 --duration=5 --publishes=20     registry HTTP reads per figure, publishes
              --distinct-tarballs=4096             tarball files the bulk fill shares among versions
              --versions=1,10,100,1000 --version-copies=20           packument cost against version count
              --pg-url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres
              --work-dir=<tmp> --out=bench/results/scale.json
            """;

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("parts", "log,registry,versions");
        d.put("log-sizes", "1000,10000,100000,1000000");
        d.put("stores", "sqlite,postgres");
        d.put("pg-max-size", "1000000");
        d.put("submitters", "64");
        d.put("append-warmup", "2");
        d.put("append-seconds", "5");
        d.put("read-seconds", "4");
        d.put("http-clients", "16");
        d.put("package-counts", "100,1000,10000,100000");
        d.put("clients", "16");
        d.put("warmup", "2");
        d.put("duration", "5");
        d.put("publishes", "20");
        d.put("distinct-tarballs", "4096");
        d.put("versions", "1,10,100,1000");
        d.put("version-copies", "20");
        d.put("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        d.put("work-dir", System.getProperty("java.io.tmpdir"));
        d.put("out", "bench/results/scale.json");
        return d;
    }

    static ScaleOptions parse(String[] args) {
        Map<String, String> m = new HashMap<>(DEFAULTS);
        Set<String> names = DEFAULTS.keySet();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !names.contains(a.substring(2, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
            m.put(a.substring(2, eq), a.substring(eq + 1));
        }
        ScaleOptions o = new ScaleOptions(Map.copyOf(m));
        o.log(); // every number parsed now: a bad one is a usage error, not a failure half-way through the run
        o.registry();
        o.versions();
        return o;
    }

    boolean runs(String part) {
        return list("parts").contains(part);
    }

    LogScale.Settings log() {
        return new LogScale.Settings(list("stores"), ints("log-sizes"), num("pg-max-size"), num("submitters"),
                seconds("append-warmup"), seconds("append-seconds"), seconds("read-seconds"), num("http-clients"),
                values.get("pg-url"), workDir());
    }

    RegistryScale.Settings registry() {
        return new RegistryScale.Settings(ints("package-counts"), num("clients"), seconds("warmup"),
                seconds("duration"), num("publishes"), num("distinct-tarballs"), workDir());
    }

    List<Integer> versions() {
        return ints("versions");
    }

    int versionCopies() {
        return num("version-copies");
    }

    Duration warmup() {
        return seconds("warmup");
    }

    Duration duration() {
        return seconds("duration");
    }

    int clients() {
        return num("clients");
    }

    Path workDir() {
        return Path.of(values.get("work-dir"));
    }

    Path out() {
        return Path.of(values.get("out"));
    }

    /** Every setting, for the result file. */
    Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        DEFAULTS.keySet().forEach(k -> m.put(k, values.get(k)));
        return m;
    }

    private List<String> list(String name) {
        return Arrays.stream(values.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private List<Integer> ints(String name) {
        List<Integer> out = list(name).stream().map(v -> positive(name, v)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is empty\n" + USAGE);
        }
        return out;
    }

    private int num(String name) {
        return positive(name, values.get(name));
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a positive integer: " + v + "\n" + USAGE);
        }
    }

    private Duration seconds(String name) {
        try {
            double s = Double.parseDouble(values.get(name));
            if (!(s > 0)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a positive number of seconds\n" + USAGE);
        }
    }
}
