/**
 * The log's storage SPI ({@link dev.hallmark.log.storage.LogStorage}) and its JDBC drivers, chosen by
 * {@link dev.hallmark.log.storage.LogStorages} from the database URL: SQLite under the data dir by default
 * ({@code <dataDir>/log/<name>.db}, WAL, {@code synchronous=FULL}), or PostgreSQL. Tables ({@code log_state},
 * {@code log_entries}, {@code log_tiles}) are keyed by log name, so the Rekor and CT logs share one database; Flyway
 * migrations live in {@code db/log/sqlite} and {@code db/log/postgresql} with their own history table
 * {@code log_schema_history}. Tiles and entry bundles are rows, not files, on both stores: the publication of tiles and
 * checkpoint is then a single transaction (crash-atomic without a rename protocol), at the cost of serving tiles from
 * the database rather than straight from a directory.
 */
package dev.hallmark.log.storage;
