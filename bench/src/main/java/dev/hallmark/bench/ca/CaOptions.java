package dev.hallmark.bench.ca;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CA load harness's settings, from {@code --name=value} arguments; every one has a default (see {@link #USAGE}).
 * Runs are bounded twice: by time (warm-up + measured seconds) and by request count (the pre-built request pool).
 */
record CaOptions(List<String> parts, List<String> ctModes, List<Integer> clients, Duration warmup, Duration duration,
        int requests, int tokens, Path workDir, Path out) {

    static final String USAGE = """
            CaLoad [--name=value ...]
              --parts=inprocess,http,costs         what to measure
              --ct=server,group-commit,no-durable  CT log under the in-process CA: the server's engine settings
                                                   (batch age 250 ms, 256 entries), group commit (age 0, 4096), or
                                                   no durable commit at all (extra_data and append stubbed: CPU ceiling)
              --clients=1,16,64                    concurrent closed-loop clients (virtual threads)
              --warmup=2 --duration=10             seconds per measurement
              --requests=20000                     pre-built requests (fresh P-256 key each); a run stops when used up
              --tokens=512                         identity tokens minted up front from the dev GitHub issuer
              --work-dir=<tmp> --out=bench/results/ca-load.json
            """;

    private static final Set<String> NAMES = Set.of("parts", "ct", "clients", "warmup", "duration", "requests",
            "tokens", "work-dir", "out");

    static CaOptions parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !NAMES.contains(a.substring(2, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
            m.put(a.substring(2, eq), a.substring(eq + 1));
        }
        CaOptions o = new CaOptions(list(m, "parts", "inprocess,http,costs"),
                list(m, "ct", "server,group-commit,no-durable"),
                list(m, "clients", "1,16,64").stream().map(Integer::parseInt).toList(), seconds(m, "warmup", "2"),
                seconds(m, "duration", "10"), Integer.parseInt(m.getOrDefault("requests", "20000")),
                Integer.parseInt(m.getOrDefault("tokens", "512")),
                Path.of(m.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))),
                Path.of(m.getOrDefault("out", "bench/results/ca-load.json")));
        for (String ct : o.ctModes()) {
            if (!Set.of("server", "group-commit", "no-durable").contains(ct)) {
                throw new IllegalArgumentException("unknown --ct mode " + ct + "\n" + USAGE);
            }
        }
        if (o.requests() < 1 || o.tokens() < 1) {
            throw new IllegalArgumentException("--requests and --tokens must be positive\n" + USAGE);
        }
        return o;
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    private static List<String> list(Map<String, String> m, String name, String dflt) {
        return Arrays.stream(m.getOrDefault(name, dflt).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static Duration seconds(Map<String, String> m, String name, String dflt) {
        return Duration.ofMillis(Math.round(Double.parseDouble(m.getOrDefault(name, dflt)) * 1000));
    }
}
