package dev.hallmark.registry.upstream;

/** The proxy's boundaries on PostgreSQL (127.0.0.1:5432, database test); it runs in CI, it does not skip. */
class PostgresProxyBoundaryTest extends ProxyBoundaryContract {
    @Override
    String kind() {
        return "postgresql";
    }
}
