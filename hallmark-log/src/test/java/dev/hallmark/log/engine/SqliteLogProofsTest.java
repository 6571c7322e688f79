package dev.hallmark.log.engine;

/** Proofs and tiles of a 3,000-entry log on the embedded store. */
class SqliteLogProofsTest extends AbstractLogProofsTest {
    private TestStores stores;

    @org.junit.jupiter.api.Test
    void consistencyProofsVerifyForEveryPairOfSizes() throws Exception {
        checkConsistencyForEveryPairOfSizes();
    }

    @Override
    protected synchronized TestStores stores() {
        if (stores == null) {
            stores = TestStores.sqlite();
        }
        return stores;
    }
}
