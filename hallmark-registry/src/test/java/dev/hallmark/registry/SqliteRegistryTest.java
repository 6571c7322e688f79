package dev.hallmark.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteRegistryTest extends RegistryContract {
    @Override
    String kind() {
        return "sqlite";
    }

    /**
     * Reads take a WAL snapshot, not SQLite's write lock: they answer while another connection holds that lock (a
     * publish committing, or, before, another reader: a search scanning every package held it for its whole scan and
     * every packument GET queued behind it). Were reads still begun IMMEDIATE, each call below would wait out the
     * 60 s busy timeout and fail with SQLITE_BUSY.
     */
    @Test
    void readsDoNotWaitForTheWriteLock() throws Exception {
        f.registry.publish(alice, name("lodash"), RegistryFixture.publishBody("lodash", "1.0.0"));
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
                Statement st = writer.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                assertThat(f.store.findPackage("lodash")).hasValueSatisfying(p -> assertThat(p.rev()).isEqualTo(1));
                assertThat(f.store.packageRev("lodash")).hasValue(1);
                assertThat(f.store.findTarball("lodash", "lodash-1.0.0.tgz")).isPresent();
                assertThat(f.store.search("lodash", 0, 20)).containsExactly("lodash");
                assertThat(f.store.findUser("alice")).isPresent();
                assertThat(f.registry.find(name("lodash"))).isPresent();
            } finally {
                st.execute("ROLLBACK");
            }
        }
    }
}
