package dev.hallmark.registry.upstream;

/** The read-through suite on PostgreSQL (127.0.0.1:5432, database test); it runs in CI, it does not skip. */
class PostgresReadThroughTest extends ReadThroughContract {
    @Override
    String kind() {
        return "postgresql";
    }
}
