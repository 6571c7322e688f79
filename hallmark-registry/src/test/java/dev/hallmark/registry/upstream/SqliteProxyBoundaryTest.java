package dev.hallmark.registry.upstream;

class SqliteProxyBoundaryTest extends ProxyBoundaryContract {
    @Override
    String kind() {
        return "sqlite";
    }
}
