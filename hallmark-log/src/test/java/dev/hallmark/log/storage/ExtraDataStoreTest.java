package dev.hallmark.log.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.MerkleHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The extra-data table on both databases: first write wins, batch reads, logs kept apart by name, survives reopening. */
class ExtraDataStoreTest {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @Test
    void sqlite() throws Exception {
        Path dir = Files.createTempDirectory("hallmark-extra-test");
        try {
            exercise(null, dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void postgres() throws Exception {
        String schema = "log_extra_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        sql("CREATE SCHEMA " + schema);
        try {
            exercise(POSTGRES + "&currentSchema=" + schema, null);
        } finally {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void exercise(String url, Path dir) throws Exception {
        List<Bytes> hashes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            hashes.add(MerkleHash.leafHash(Bytes.utf8("leaf " + i)));
        }
        try (LogStorage ct = LogStorages.open(url, dir, "ct"); LogStorage other = LogStorages.open(url, dir, "other")) {
            for (int i = 0; i < hashes.size(); i += 2) {
                ct.extraData().put(hashes.get(i), Bytes.utf8("chain " + i));
            }
            ct.extraData().put(hashes.get(0), Bytes.utf8("a second write"));
            other.extraData().put(hashes.get(1), Bytes.utf8("other log"));
        }
        try (LogStorage ct = LogStorages.open(url, dir, "ct")) {
            Map<Bytes, Bytes> found = ct.extraData().get(hashes);
            assertThat(found).hasSize(150);
            assertThat(found.get(hashes.get(0))).isEqualTo(Bytes.utf8("chain 0"));
            assertThat(found.get(hashes.get(298))).isEqualTo(Bytes.utf8("chain 298"));
            assertThat(found).doesNotContainKey(hashes.get(1));
            assertThat(ct.extraData().get(List.of())).isEmpty();
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
