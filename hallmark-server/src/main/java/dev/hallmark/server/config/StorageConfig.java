package dev.hallmark.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where state lives. {@code jdbc:sqlite:} URLs with a relative file name are relative to the data directory, so a
 * data directory can be moved or copied as a whole.
 */
public record StorageConfig(String databaseUrl) {
    public static final String SQLITE = "jdbc:sqlite:";
    public static final String POSTGRESQL = "jdbc:postgresql:";
    public static final StorageConfig DEFAULT = new StorageConfig(SQLITE + "hallmark.db");

    public StorageConfig {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
    }

    /** The JDBC URL to connect with: relative SQLite paths resolved against the data directory. */
    public String jdbcUrl(Path dataDir) {
        if (databaseUrl.startsWith(SQLITE)) {
            String file = databaseUrl.substring(SQLITE.length());
            if (!file.isEmpty() && !file.startsWith(":") && !file.startsWith("file:") && !Path.of(file).isAbsolute()) {
                return SQLITE + dataDir.toAbsolutePath().resolve(file).normalize();
            }
        }
        return databaseUrl;
    }

    public boolean isPostgresql() {
        return databaseUrl.startsWith(POSTGRESQL);
    }
}
