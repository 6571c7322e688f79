package dev.hallmark.bench.audit;

import java.nio.file.Path;

/**
 * The audit benchmark's options ({@code ./bench/run-audit --usage}).
 *
 * @param state where the registry's data, the npm project and npm's cache live between runs (published once)
 * @param packages how many packages the project depends on (each published with provenance)
 * @param runs timed runs of each tool, after one warm-up run each
 * @param npmColdRuns extra npm runs with its HTTP cache emptied first (its TUF cache kept)
 * @param fresh delete the state first, publishing and installing anew
 * @param cliJar the hallmark CLI jar, run as {@code java -jar}
 * @param launcher the {@code ./hallmark} script, timed as users start it
 * @param out the JSON results file
 */
record AuditOptions(Path state, int packages, int runs, int npmColdRuns, boolean fresh, Path cliJar, Path launcher,
                    Path out) {
    static final String USAGE = """
            usage: run-audit [--packages=1800] [--runs=5] [--npm-cold-runs=1] [--state=bench/.audit-state] [--fresh]
                             [--out=bench/results/audit.json]
              Publishes --packages packages with provenance to a local Hallmark (once; kept in --state), installs them
              with npm, then times `hallmark audit` (java -jar and ./hallmark) and `npm audit signatures` on that
              project, --runs times each after a warm-up run.""";

    AuditOptions {
        if (packages < 1 || packages > 100_000 || runs < 1 || npmColdRuns < 0) {
            throw new IllegalArgumentException(USAGE);
        }
    }

    static AuditOptions parse(String[] args, Path root) {
        Path state = root.resolve("bench/.audit-state");
        int packages = 1800;
        int runs = 5;
        int cold = 1;
        boolean fresh = false;
        Path out = root.resolve("bench/results/audit.json");
        for (String a : args) {
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
            try {
                switch (a.contains("=") ? a.substring(0, a.indexOf('=')) : a) {
                    case "--state" -> state = Path.of(value);
                    case "--packages" -> packages = Integer.parseInt(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--npm-cold-runs" -> cold = Integer.parseInt(value);
                    case "--fresh" -> fresh = true;
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException(USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + a + "\n" + USAGE);
            }
        }
        return new AuditOptions(state.toAbsolutePath(), packages, runs, cold, fresh,
                root.resolve("hallmark-cli/target/hallmark-cli.jar"), root.resolve("hallmark"), out.toAbsolutePath());
    }
}
