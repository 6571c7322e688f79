package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test on the embedded store: SIGKILLs in a row on one data dir (see {@link CrashHarness}), 20 in CI and
 * as many as the system property {@value #KILLS} says in the longer campaign ({@code ./bench/run-crash}: 100).
 */
class SqliteCrashTest {
    static final String KILLS = "hallmark.crash.kills";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesRepeatedKills() throws Exception {
        int kills = Integer.getInteger(KILLS, 20);
        Path data = dir.resolve("data");
        CrashHarness.Result result = new CrashHarness(TestStores.sqlite(data), dir).run(data, kills);
        System.out.println("sqlite crash test: " + result);
        assertThat(result.kills()).isEqualTo(kills);
        assertThat(result.distinctIndices()).isPositive();
        assertThat(result.finalSize()).isGreaterThan(result.maxIndex());
    }
}
