package dev.hallmark.log.engine;

/** Proofs and tiles of a 3,000-entry log on the embedded store. */
class SqliteLogProofsTest extends AbstractLogProofsTest {
    private TestStores stores;

    @Override
    protected synchronized TestStores stores() {
        if (stores == null) {
            stores = TestStores.sqlite();
        }
        return stores;
    }
}
