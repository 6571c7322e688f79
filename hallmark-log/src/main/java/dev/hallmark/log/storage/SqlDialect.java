package dev.hallmark.log.storage;

/** The few places where the log's SQL differs between its two databases. */
enum SqlDialect {
    /** {@code BEGIN IMMEDIATE} (set on the connection) already holds the write lock; a plain read suffices. */
    SQLITE("sqlite", "SELECT next_index FROM log_state WHERE log_name = ?"),
    /** The state row lock serializes sequencers across nodes sharing the database. */
    POSTGRESQL("postgresql", "SELECT next_index FROM log_state WHERE log_name = ? FOR UPDATE");

    private final String migrations;
    private final String lockState;

    SqlDialect(String migrations, String lockState) {
        this.migrations = migrations;
        this.lockState = lockState;
    }

    /** Flyway location of this dialect's migration set. */
    String migrations() {
        return "classpath:db/log/" + migrations;
    }

    /** Reads {@code next_index} of one log and locks its state row until the transaction ends. */
    String lockState() {
        return lockState;
    }
}
