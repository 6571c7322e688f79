package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash test on PostgreSQL, in a fresh schema: 5 SIGKILLs (see {@link CrashHarness}). */
class PostgresCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesFiveKills() throws Exception {
        TestStores stores = TestStores.postgres();
        try {
            CrashHarness.Result result = new CrashHarness(stores, dir).run(dir, 5);
            System.out.println("postgresql crash test: " + result);
            assertThat(result.distinctIndices()).isPositive();
        assertThat(result.finalSize()).isGreaterThan(result.maxIndex());
        } finally {
            stores.drop();
        }
    }
}
