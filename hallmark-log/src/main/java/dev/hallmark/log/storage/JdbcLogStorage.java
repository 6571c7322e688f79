package dev.hallmark.log.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.log.LogStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LogStorage} over JDBC, for SQLite and PostgreSQL alike (the SQL differs only in {@link SqlDialect}). All
 * state is in three tables keyed by log name (see {@code db/log/<dialect>/V1__log_engine.sql}): {@code log_state}
 * (next index, published size, root, checkpoint), {@code log_entries} (the entries, whose unique leaf-hash index is
 * the persistent dedup index) and {@code log_tiles} (hash tiles and entry bundles, widest version per coordinates).
 * Personalities may keep data beside entries in {@code log_extra_data} ({@code V2}, {@link JdbcExtraDataStore}).
 *
 * <p>Durability is the database's: a sequencing batch or a publication is one transaction, committed before the call
 * returns, on SQLite in WAL mode with {@code synchronous=FULL} (the WAL is fsync'd at every commit) and on
 * PostgreSQL with its default {@code synchronous_commit=on}. A crash therefore leaves each batch whole or absent.
 * Concurrent sequencers (other nodes on PostgreSQL) serialize on the log's {@code log_state} row, which
 * {@link SqlDialect#lockState} locks first in the transaction; SQLite's {@code BEGIN IMMEDIATE} does the same.
 */
final class JdbcLogStorage implements LogStorage {
    private static final int IN_CHUNK = 500;

    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final String logName;
    private final IntegratorLease lease;
    private final ExtraDataStore extraData;

    JdbcLogStorage(HikariDataSource pool, SqlDialect dialect, String logName, IntegratorLease lease)
            throws LogStorageException {
        this.pool = pool;
        this.dialect = dialect;
        this.logName = logName;
        this.lease = lease;
        this.extraData = new JdbcExtraDataStore(pool, logName);
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO log_state (log_name, next_index, published_size)"
                        + " VALUES (?, 0, -1) ON CONFLICT (log_name) DO NOTHING")) {
            ps.setString(1, logName);
            ps.executeUpdate();
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw failure("create log state", e);
        }
    }

    @Override
    public String logName() {
        return logName;
    }

    @Override
    public List<Sequenced> sequence(List<PendingEntry> entries, Instant integratedTime) throws LogStorageException {
        long seconds = integratedTime.getEpochSecond();
        return inTransaction("sequence " + entries.size() + " entries", c -> {
            long next = lockState(c);
            Map<Bytes, Sequenced> existing = existing(c, entries);
            List<Sequenced> out = new ArrayList<>(entries.size());
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO log_entries"
                    + " (log_name, idx, leaf_hash, data, integrated_time) VALUES (?, ?, ?, ?, ?)")) {
                for (PendingEntry e : entries) {
                    Sequenced old = existing.get(e.leafHash());
                    if (old != null) {
                        out.add(old);
                        continue;
                    }
                    ins.setString(1, logName);
                    ins.setLong(2, next);
                    ins.setBytes(3, e.leafHash().toArray());
                    ins.setBytes(4, e.data().toArray());
                    ins.setLong(5, seconds);
                    ins.addBatch();
                    out.add(new Sequenced(next++, Instant.ofEpochSecond(seconds), false));
                }
                ins.executeBatch();
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE log_state SET next_index = ? WHERE log_name = ?")) {
                up.setLong(1, next);
                up.setString(2, logName);
                up.executeUpdate();
            }
            return out;
        });
    }

    private long lockState(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.lockState())) {
            ps.setString(1, logName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no state row for log " + logName);
                }
                return rs.getLong(1);
            }
        }
    }

    private Map<Bytes, Sequenced> existing(Connection c, List<PendingEntry> entries) throws SQLException {
        Map<Bytes, Sequenced> found = new HashMap<>();
        for (int from = 0; from < entries.size(); from += IN_CHUNK) {
            List<PendingEntry> chunk = entries.subList(from, Math.min(entries.size(), from + IN_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash, idx, integrated_time FROM log_entries"
                    + " WHERE log_name = ? AND leaf_hash IN (" + marks + ")")) {
                ps.setString(1, logName);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setBytes(i + 2, chunk.get(i).leafHash().toArray());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(Bytes.of(rs.getBytes(1)),
                                new Sequenced(rs.getLong(2), Instant.ofEpochSecond(rs.getLong(3)), true));
                    }
                }
            }
        }
        return found;
    }

    @Override
    public long sequencedSize() throws LogStorageException {
        return queryOne("SELECT next_index FROM log_state WHERE log_name = ?", rs -> rs.getLong(1), "read size")
                .orElseThrow(() -> new LogStorageException("no state for log " + logName));
    }

    @Override
    public Optional<TreeState> published() throws LogStorageException {
        return queryOne("SELECT published_size, root_hash, checkpoint FROM log_state WHERE log_name = ?",
                rs -> rs.getLong(1) < 0 ? null : new TreeState(rs.getLong(1), Bytes.of(rs.getBytes(2)), rs.getString(3)),
                "read published tree");
    }

    @Override
    public List<StoredEntry> entries(long from, long to) throws LogStorageException {
        List<StoredEntry> out = new ArrayList<>((int) Math.max(0, Math.min(to - from, 1 << 16)));
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT idx, leaf_hash, data, integrated_time"
                        + " FROM log_entries WHERE log_name = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setString(1, logName);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entryOf(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("read entries " + from + ".." + to, e);
        }
        if (out.size() != to - from || (!out.isEmpty() && out.getFirst().index() != from)) {
            throw new LogStorageException("entries " + from + ".." + to + " are not all stored");
        }
        return out;
    }

    @Override
    public Optional<StoredEntry> entry(long index) throws LogStorageException {
        return queryOne("SELECT idx, leaf_hash, data, integrated_time FROM log_entries WHERE log_name = ? AND idx = "
                + index, JdbcLogStorage::entryOf, "read entry " + index);
    }

    @Override
    public Optional<Long> indexOf(Bytes leafHash) throws LogStorageException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT idx FROM log_entries WHERE log_name = ? AND leaf_hash = ?")) {
            ps.setString(1, logName);
            ps.setBytes(2, leafHash.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look up a leaf hash", e);
        }
    }

    @Override
    public boolean publish(TreeUpdate update) throws LogStorageException {
        return inTransaction("publish tree of size " + update.toSize(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE log_state SET published_size = ?,"
                    + " root_hash = ?, checkpoint = ? WHERE log_name = ? AND published_size = ?")) {
                ps.setLong(1, update.toSize());
                ps.setBytes(2, update.root().toArray());
                ps.setString(3, update.checkpoint());
                ps.setString(4, logName);
                ps.setLong(5, update.fromSize());
                if (ps.executeUpdate() != 1) {
                    return false; // another integrator published first; nothing of ours is committed
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_tiles"
                    + " (log_name, tile_level, tile_index, width, data) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (log_name, tile_level, tile_index)"
                    + " DO UPDATE SET width = excluded.width, data = excluded.data")) {
                for (StoredTile t : update.tiles()) {
                    ps.setString(1, logName);
                    ps.setInt(2, t.level());
                    ps.setLong(3, t.index());
                    ps.setInt(4, t.width());
                    ps.setBytes(5, t.data().toArray());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    @Override
    public Optional<StoredTile> tile(int level, long index) throws LogStorageException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT width, data FROM log_tiles"
                        + " WHERE log_name = ? AND tile_level = ? AND tile_index = ?")) {
            ps.setString(1, logName);
            ps.setInt(2, level);
            ps.setLong(3, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredTile(level, index, rs.getInt(1), Bytes.of(rs.getBytes(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read tile " + level + "/" + index, e);
        }
    }

    @Override
    public IntegratorLease integratorLease() {
        return lease;
    }

    @Override
    public ExtraDataStore extraData() {
        return extraData;
    }

    @Override
    public void close() {
        lease.close();
        pool.close();
    }

    private static StoredEntry entryOf(ResultSet rs) throws SQLException {
        return new StoredEntry(rs.getLong(1), Bytes.of(rs.getBytes(2)), Bytes.of(rs.getBytes(3)),
                Instant.ofEpochSecond(rs.getLong(4)));
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on one connection: committed if it returns {@code true}/a value, rolled
     * back if it returns {@code false} or throws, so a batch is durable whole or not at all. When the work or the
     * commit fails, that failure is the one reported: SQLite rolls back by itself when a COMMIT hits a full disk, and
     * the clean-up that follows then fails too ("no transaction is active"), which used to replace the real cause
     * ("database or disk is full") in the server log.
     */
    private <T> T inTransaction(String what, Work<T> work) throws LogStorageException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                if (Boolean.FALSE.equals(result)) {
                    c.rollback();
                } else {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException cleanup) {
                    e.addSuppressed(cleanup);
                }
                try {
                    c.setAutoCommit(true);
                } catch (SQLException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> queryOne(String sql, Row<T> row, String what) throws LogStorageException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, logName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private LogStorageException failure(String what, SQLException e) {
        return new LogStorageException("log " + logName + ": cannot " + what + " (" + dialect + ")", e);
    }
}
