package dev.hallmark.log.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash test on the embedded store: 20 SIGKILLs in a row on one data dir (see {@link CrashHarness}). */
class SqliteCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEntrySurvivesTwentyKills() throws Exception {
        Path data = dir.resolve("data");
        CrashHarness.Result result = new CrashHarness(TestStores.sqlite(data), dir).run(data, 20);
        System.out.println("sqlite crash test: " + result);
        assertThat(result.distinctIndices()).isPositive();
        assertThat(result.finalSize()).isGreaterThan(result.maxIndex());
    }
}
