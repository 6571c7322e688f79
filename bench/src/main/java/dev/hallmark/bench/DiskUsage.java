package dev.hallmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Bytes a store takes on disk: file lengths (what a backup copies), not allocated blocks. */
public final class DiskUsage {
    private DiskUsage() {
    }

    /** The summed length of every regular file under {@code root}; 0 when it does not exist. */
    public static long treeBytes(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under {@code root}. */
    public static long fileCount(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file's length; 0 when it does not exist (a WAL that was never created, or was truncated away). */
    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes per table and index of a SQLite file (its {@code dbstat} table), largest first, after moving the WAL's
     * pages into the file; empty when this SQLite build has no {@code dbstat}.
     */
    public static Map<String, Long> sqliteObjects(Path db) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try (ResultSet rs = st.executeQuery(
                    "SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")) {
                while (rs.next()) {
                    if (rs.getLong(2) > 4096) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return out;
    }
}
