package dev.hallmark.log.engine;

/** The engine suite on the embedded store: SQLite files under a temporary data dir. */
class SqliteLogEngineTest extends AbstractLogEngineTest {
    private TestStores stores;

    @Override
    protected synchronized TestStores stores() {
        if (stores == null) {
            stores = TestStores.sqlite();
        }
        return stores;
    }
}
