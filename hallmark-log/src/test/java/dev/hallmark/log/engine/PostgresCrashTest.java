package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test on PostgreSQL, in a fresh schema (see {@link CrashHarness}): 5 SIGKILLs in CI and as many as the
 * system property {@value #KILLS} says in the longer campaign ({@code ./bench/run-crash}).
 */
class PostgresCrashTest {
    static final String KILLS = "hallmark.crash.postgres.kills";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesRepeatedKills() throws Exception {
        int kills = Integer.getInteger(KILLS, 5);
        TestStores stores = TestStores.postgres();
        try {
            CrashHarness.Result result = new CrashHarness(stores, dir).run(dir, kills);
            System.out.println("postgresql crash test: " + result);
            assertThat(result.kills()).isEqualTo(kills);
            assertThat(result.distinctIndices()).isPositive();
            assertThat(result.finalSize()).isGreaterThan(result.maxIndex());
        } finally {
            stores.drop();
        }
    }
}
