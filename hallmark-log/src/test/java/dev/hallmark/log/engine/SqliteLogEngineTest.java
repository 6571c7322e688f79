package dev.hallmark.log.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The engine suite on the embedded store: SQLite files under a temporary data dir. */
class SqliteLogEngineTest extends AbstractLogEngineTest {
    @TempDir
    Path dataDir;

    @Override
    protected TestStores stores() {
        return TestStores.sqlite(dataDir);
    }
}
