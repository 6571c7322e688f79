package dev.hallmark.registry;

/** The registry suite on PostgreSQL (127.0.0.1:5432, database test); it runs in CI, it does not skip. */
class PostgresRegistryTest extends RegistryContract {
    @Override
    String kind() {
        return "postgresql";
    }
}
