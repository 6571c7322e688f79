package dev.hallmark.registry;

class SqliteRegistryTest extends RegistryContract {
    @Override
    String kind() {
        return "sqlite";
    }
}
