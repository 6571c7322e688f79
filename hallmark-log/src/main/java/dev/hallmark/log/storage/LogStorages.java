package dev.hallmark.log.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hallmark.log.LogStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a log's storage from the server's database setting (DESIGN "Storage"): no URL means the embedded default, a
 * SQLite file {@code <dataDir>/log/<logName>.db}; {@code jdbc:sqlite:<file>} names another SQLite file;
 * {@code jdbc:postgresql://…} a PostgreSQL database (its {@code currentSchema} is honoured). The schema is migrated
 * with Flyway from {@code db/log/<dialect>/}, recorded in its own history table so other modules can share the
 * database; several logs live side by side in the same tables, keyed by log name.
 *
 * <p>The embedded store keeps tiles and entry bundles in SQLite too, rather than as files: one transaction then covers
 * tiles and checkpoint, so a publication is atomic without a rename protocol, and SQLite (WAL, {@code synchronous=FULL})
 * fsyncs its log and directory itself.
 */
public final class LogStorages {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int POOL_SIZE = 8;

    private LogStorages() {
    }

    /** Storage for log {@code logName} per the database URL (null or blank for the embedded default). */
    public static LogStorage open(String jdbcUrl, Path dataDir, String logName) throws LogStorageException {
        checkName(logName);
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            Objects.requireNonNull(dataDir, "dataDir");
            return sqlite(dataDir.resolve("log").resolve(logName + ".db"), logName);
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())), logName);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return postgres(jdbcUrl, logName);
        }
        throw new LogStorageException("unsupported database URL scheme (want jdbc:sqlite: or jdbc:postgresql:)");
    }

    /** The embedded store: one SQLite file in WAL mode with synchronous=FULL. */
    public static LogStorage sqlite(Path file, String logName) throws LogStorageException {
        checkName(logName);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new LogStorageException("cannot create the log directory", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL); // fsync the WAL at every commit
        config.setBusyTimeout(60_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(ds);
        hikari.setMaximumPoolSize(4);
        hikari.setPoolName("log-" + logName);
        return create(hikari, SqlDialect.SQLITE, logName,
                pool -> new FileLockLease(Path.of(file.toAbsolutePath() + "." + logName + ".integrator.lock")));
    }

    /** A PostgreSQL store; user and password may be given as URL parameters. */
    public static LogStorage postgres(String jdbcUrl, String logName) throws LogStorageException {
        checkName(logName);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setPoolName("log-" + logName);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        return create(hikari, SqlDialect.POSTGRESQL, logName, pool -> new AdvisoryLockLease(pool, logName));
    }

    private interface LeaseFactory {
        IntegratorLease create(HikariDataSource pool);
    }

    private static LogStorage create(HikariConfig hikari, SqlDialect dialect, String logName, LeaseFactory leases)
            throws LogStorageException {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new LogStorageException("cannot connect to the log database", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(dialect.migrations()).table("log_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
            return new JdbcLogStorage(pool, dialect, logName, leases.create(pool));
        } catch (FlywayException e) {
            pool.close();
            throw new LogStorageException("cannot migrate the log database", e);
        } catch (LogStorageException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void checkName(String logName) throws LogStorageException {
        if (logName == null || !NAME.matcher(logName).matches()) {
            throw new LogStorageException("log name must match " + NAME.pattern());
        }
    }
}
