package dev.hallmark.bench.log;

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

/**
 * A fresh, empty store for one measurement, removed afterwards: the embedded store in a new temporary data dir, or a
 * new random schema in the PostgreSQL database (so runs never collide with tests or each other).
 */
final class BenchStore implements AutoCloseable {
    private final String kind;
    private final Path dataDir;
    private final String pgBase;
    private final String schema;

    private BenchStore(String kind, Path dataDir, String pgBase, String schema) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.pgBase = pgBase;
        this.schema = schema;
    }

    static BenchStore fresh(String kind, Path workDir, String pgUrl) throws IOException {
        return switch (kind) {
            case "sqlite" -> {
                Files.createDirectories(workDir);
                yield new BenchStore(kind, Files.createTempDirectory(workDir, "log-load-"), null, null);
            }
            case "postgres" -> {
                String schema = "log_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute(pgUrl, "CREATE SCHEMA " + schema);
                yield new BenchStore(kind, null, pgUrl, schema);
            }
            default -> throw new IllegalArgumentException("unknown store " + kind + " (sqlite or postgres)");
        };
    }

    String kind() {
        return kind;
    }

    /** The PostgreSQL schema this store lives in; empty for the embedded store. */
    java.util.Optional<String> schema() {
        return java.util.Optional.ofNullable(schema);
    }

    /** The embedded store's data dir; empty for PostgreSQL. */
    java.util.Optional<Path> dataDir() {
        return java.util.Optional.ofNullable(dataDir);
    }

    LogStorage open(String logName) throws LogStorageException {
        if (dataDir != null) {
            return LogStorages.open(null, dataDir, logName);
        }
        return LogStorages.open(pgBase + (pgBase.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, logName);
    }

    @Override
    public void close() {
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            execute(pgBase, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
