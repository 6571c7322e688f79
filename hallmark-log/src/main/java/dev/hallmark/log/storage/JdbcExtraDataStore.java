package dev.hallmark.log.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ExtraDataStore} in table {@code log_extra_data} ({@code V2__log_extra_data.sql}) of the log's database, on
 * the same pool as the entries. Each put is one auto-committed statement, durable as the engine's commits are.
 */
final class JdbcExtraDataStore implements ExtraDataStore {
    private static final int IN_CHUNK = 256;

    private final HikariDataSource pool;
    private final String logName;

    JdbcExtraDataStore(HikariDataSource pool, String logName) {
        this.pool = pool;
        this.logName = logName;
    }

    @Override
    public void put(Bytes leafHash, Bytes data) throws LogStorageException {
        if (leafHash.length() != 32) {
            throw new IllegalArgumentException("leaf hash must be 32 bytes");
        }
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO log_extra_data (log_name, leaf_hash, data)"
                        + " VALUES (?, ?, ?) ON CONFLICT (log_name, leaf_hash) DO NOTHING")) {
            ps.setString(1, logName);
            ps.setBytes(2, leafHash.toArray());
            ps.setBytes(3, data.toArray());
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new LogStorageException("log " + logName + ": cannot store extra data", e);
        }
    }

    @Override
    public Map<Bytes, Bytes> get(List<Bytes> leafHashes) throws LogStorageException {
        if (leafHashes.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " leaf hashes per call");
        }
        Map<Bytes, Bytes> found = new HashMap<>();
        try (Connection c = pool.getConnection()) {
            for (int from = 0; from < leafHashes.size(); from += IN_CHUNK) {
                List<Bytes> chunk = leafHashes.subList(from, Math.min(leafHashes.size(), from + IN_CHUNK));
                String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash, data FROM log_extra_data"
                        + " WHERE log_name = ? AND leaf_hash IN (" + marks + ")")) {
                    ps.setString(1, logName);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setBytes(i + 2, chunk.get(i).toArray());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(Bytes.of(rs.getBytes(1)), Bytes.of(rs.getBytes(2)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new LogStorageException("log " + logName + ": cannot read extra data", e);
        }
        return found;
    }
}
