package dev.hallmark.registry.store;

import dev.hallmark.core.crypto.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link UpstreamCacheStore} on the registry's JDBC pool; the same SQL runs on SQLite and PostgreSQL. Each call is one
 * statement in auto-commit: cache rows are replaced whole, so concurrent writers (several nodes reading the same name
 * through) can only race to store equally valid copies, and the last one wins.
 */
final class JdbcUpstreamCacheStore implements UpstreamCacheStore {
    private final DataSource pool;

    JdbcUpstreamCacheStore(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Optional<PackumentInfo> packumentInfo(String name) throws RegistryStorageException {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT digest, etag, fetched_at, checked_at"
                    + " FROM registry_upstream_packuments WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new PackumentInfo(name, rs.getString(1),
                            Optional.ofNullable(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Bytes> packumentBody(String name, String digest) throws RegistryStorageException {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body FROM registry_upstream_packuments WHERE name = ? AND digest = ?")) {
                ps.setString(1, name);
                ps.setString(2, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Bytes.of(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void putPackument(PackumentInfo info, Bytes body) throws RegistryStorageException {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry_upstream_packuments"
                    + " (name, body, digest, etag, fetched_at, checked_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET body = excluded.body, digest = excluded.digest,"
                    + " etag = excluded.etag, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at")) {
                ps.setString(1, info.name());
                ps.setBytes(2, body.toArray());
                ps.setString(3, info.digest());
                if (info.etag().isPresent()) {
                    ps.setString(4, info.etag().get());
                } else {
                    ps.setNull(4, Types.VARCHAR);
                }
                ps.setLong(5, info.fetchedAt().toEpochMilli());
                ps.setLong(6, info.checkedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void touchPackument(String name, String digest, Instant checkedAt) throws RegistryStorageException {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE registry_upstream_packuments SET checked_at = ?"
                    + " WHERE name = ? AND digest = ? AND checked_at < ?")) {
                ps.setLong(1, checkedAt.toEpochMilli());
                ps.setString(2, name);
                ps.setString(3, digest);
                ps.setLong(4, checkedAt.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void forgetPackument(String name) throws RegistryStorageException {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM registry_upstream_packuments WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<TarballEntry> tarball(String name, String file) throws RegistryStorageException {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT expected, blob_key, fetched_at"
                    + " FROM registry_upstream_tarballs WHERE name = ? AND file = ?")) {
                ps.setString(1, name);
                ps.setString(2, file);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TarballEntry(name, file, rs.getString(1), rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void putTarball(TarballEntry entry) throws RegistryStorageException {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry_upstream_tarballs"
                    + " (name, file, expected, blob_key, fetched_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name, file) DO UPDATE SET expected = excluded.expected,"
                    + " blob_key = excluded.blob_key, fetched_at = excluded.fetched_at")) {
                ps.setString(1, entry.name());
                ps.setString(2, entry.file());
                ps.setString(3, entry.expected());
                ps.setString(4, entry.blobKey());
                ps.setLong(5, entry.fetchedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) throws RegistryStorageException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new RegistryStorageException("cannot use the upstream cache in the registry database", e);
        }
    }
}
