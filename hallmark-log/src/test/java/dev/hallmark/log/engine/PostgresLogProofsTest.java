package dev.hallmark.log.engine;

/** Proofs and tiles of a 3,000-entry log on PostgreSQL, in a fresh random schema. */
class PostgresLogProofsTest extends AbstractLogProofsTest {
    private TestStores stores;

    @Override
    protected synchronized TestStores stores() {
        if (stores == null) {
            stores = TestStores.postgres();
        }
        return stores;
    }
}
