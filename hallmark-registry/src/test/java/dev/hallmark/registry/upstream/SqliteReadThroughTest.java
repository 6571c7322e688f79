package dev.hallmark.registry.upstream;

class SqliteReadThroughTest extends ReadThroughContract {
    @Override
    String kind() {
        return "sqlite";
    }
}
