package dev.hallmark.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the registry's metadata store from the server's database URL (DESIGN.md "Storage"): {@code jdbc:sqlite:<file>}
 * (the embedded default) or {@code jdbc:postgresql://…} (its {@code currentSchema} honoured). The schema is migrated
 * with Flyway from {@code db/registry/<dialect>/}, with its own history table so the log's tables can share the
 * database.
 */
public final class RegistryStores {
    private RegistryStores() {
    }

    public static RegistryStore open(String jdbcUrl) throws RegistryStorageException {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())));
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            HikariConfig hikari = new HikariConfig();
            hikari.setJdbcUrl(jdbcUrl);
            hikari.setMaximumPoolSize(16);
            hikari.setPoolName("registry");
            return create(hikari, null, "postgresql");
        }
        throw new RegistryStorageException("unsupported database URL scheme (want jdbc:sqlite: or jdbc:postgresql:)");
    }

    /**
     * SQLite in WAL mode: commits are fsynced (synchronous=FULL). Two pools on the one file: changes begin
     * {@code IMMEDIATE} (the write lock first, so two writers never deadlock upgrading a read lock), reads begin
     * {@code DEFERRED} (a snapshot only), so readers never wait for the writer or for each other.
     */
    public static RegistryStore sqlite(Path file) throws RegistryStorageException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new RegistryStorageException("cannot create the database directory", e);
        }
        HikariConfig writes = sqlitePool(file, SQLiteConfig.TransactionMode.IMMEDIATE, "registry");
        writes.setMaximumPoolSize(8);
        HikariConfig reads = sqlitePool(file, SQLiteConfig.TransactionMode.DEFERRED, "registry-read");
        reads.setMaximumPoolSize(8);
        return create(writes, reads, "sqlite");
    }

    private static HikariConfig sqlitePool(Path file, SQLiteConfig.TransactionMode mode, String name) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(60_000);
        config.setTransactionMode(mode);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(ds);
        hikari.setPoolName(name);
        return hikari;
    }

    /** @param readHikari the read pool's settings; null for one pool serving both (PostgreSQL) */
    private static RegistryStore create(HikariConfig hikari, HikariConfig readHikari, String dialect)
            throws RegistryStorageException {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new RegistryStorageException("cannot connect to the registry database", e);
        }
        HikariDataSource readPool = pool;
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/registry/" + dialect)
                    .table("registry_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
            if (readHikari != null) {
                readPool = new HikariDataSource(readHikari); // after the migration: the schema exists
            }
            return new JdbcRegistryStore(pool, readPool);
        } catch (RuntimeException e) { // FlywayException included
            pool.close();
            throw new RegistryStorageException("cannot migrate the registry database", e);
        }
    }
}
