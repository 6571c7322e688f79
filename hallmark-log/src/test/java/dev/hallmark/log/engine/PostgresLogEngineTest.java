package dev.hallmark.log.engine;

/** The engine suite on PostgreSQL at 127.0.0.1:5432, in a fresh random schema for this class. */
class PostgresLogEngineTest extends AbstractLogEngineTest {
    private TestStores stores;

    @Override
    protected synchronized TestStores stores() {
        if (stores == null) {
            stores = TestStores.postgres();
        }
        return stores;
    }
}
