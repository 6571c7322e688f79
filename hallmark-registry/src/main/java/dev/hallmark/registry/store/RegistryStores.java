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
            return create(hikari, "postgresql");
        }
        throw new RegistryStorageException("unsupported database URL scheme (want jdbc:sqlite: or jdbc:postgresql:)");
    }

    /** SQLite in WAL mode: readers never wait for the writer; commits are fsynced (synchronous=FULL). */
    public static RegistryStore sqlite(Path file) throws RegistryStorageException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new RegistryStorageException("cannot create the database directory", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(60_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(ds);
        hikari.setMaximumPoolSize(8);
        hikari.setPoolName("registry");
        return create(hikari, "sqlite");
    }

    private static RegistryStore create(HikariConfig hikari, String dialect) throws RegistryStorageException {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new RegistryStorageException("cannot connect to the registry database", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/registry/" + dialect)
                    .table("registry_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
            return new JdbcRegistryStore(pool);
        } catch (RuntimeException e) { // FlywayException included
            pool.close();
            throw new RegistryStorageException("cannot migrate the registry database", e);
        }
    }
}
