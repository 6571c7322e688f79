package dev.hallmark.log.engine;

import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.LogStorages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Where engine tests keep their logs: a SQLite data dir, or a fresh random PostgreSQL schema. */
interface TestStores {
    LogStorage open(String logName) throws LogStorageException;

    /** A database URL for the crash test's child JVM (null: embedded default in a data dir). */
    String jdbcUrl();

    void drop();

    /** A fresh temporary data dir that {@link #drop()} deletes. */
    static TestStores sqlite() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("hallmark-log-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sqlite(dataDir);
    }

    static TestStores sqlite(Path dataDir) {
        return new TestStores() {
            @Override
            public LogStorage open(String logName) throws LogStorageException {
                return LogStorages.open(null, dataDir, logName);
            }

            @Override
            public String jdbcUrl() {
                return null;
            }

            @Override
            public void drop() {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** A fresh schema {@code log_test_<random>} that {@link #drop()} removes with everything in it. */
    static TestStores postgres() {
        String schema = "log_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        String url = POSTGRES + "&currentSchema=" + schema;
        return new TestStores() {
            @Override
            public LogStorage open(String logName) throws LogStorageException {
                return LogStorages.open(url, null, logName);
            }

            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public void drop() {
                execute("DROP SCHEMA " + schema + " CASCADE");
            }
        };
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for this test", e);
        }
    }
}
