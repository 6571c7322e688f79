package dev.hallmark.registry.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.hallmark.registry.store.PackageChange.AddVersion;
import dev.hallmark.registry.store.PackageChange.Deprecate;
import dev.hallmark.registry.store.PackageChange.SetDistTag;
import dev.hallmark.registry.store.PackageChange.SetMaintainers;
import dev.hallmark.registry.store.PackageChange.UnpublishPackage;
import dev.hallmark.registry.store.PackageChange.UnpublishVersions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link RegistryStore} on JDBC; the same SQL runs on SQLite and PostgreSQL (both have {@code ON CONFLICT}). Every
 * package change is one transaction that starts by moving the package's revision forward from the one the caller read
 * ({@code UPDATE … WHERE rev = ?}): on PostgreSQL the row lock serialises writers of one package across nodes, on
 * SQLite the database write lock does; either way a stale caller changes nothing and is told to retry.
 */
final class JdbcRegistryStore implements RegistryStore {
    private static final String VERSION_COLUMNS = "name, version, manifest, integrity, shasum, tarball_file, blob_key, "
            + "file_count, unpacked_size, published_at, publisher, deprecated, unpublished_at, signatures, provenance_type";
    private static final String TOKEN_COLUMNS =
            "token_key, token_hash, username, name, prefix, readonly, package, cidr, created_at, expires_at";

    private final HikariDataSource pool;
    private final HikariDataSource readPool;

    /**
     * @param pool for changes (on SQLite its transactions begin IMMEDIATE: they take the write lock first)
     * @param readPool for multi-statement reads; on SQLite its transactions begin DEFERRED, so a read (a search that
     *     scans every package, say) holds only a WAL snapshot and neither waits for nor blocks the writer or other
     *     readers. On PostgreSQL both are the same pool.
     */
    JdbcRegistryStore(HikariDataSource pool, HikariDataSource readPool) {
        this.pool = pool;
        this.readPool = readPool;
    }

    @Override
    public Optional<StoredPackage> findPackage(String name) throws RegistryStorageException {
        return read(c -> {
            long rev;
            Instant created;
            Instant modified;
            Optional<Instant> unpublished;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT rev, created_at, modified_at, unpublished_at FROM registry_packages WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    rev = rs.getLong(1);
                    created = Instant.ofEpochMilli(rs.getLong(2));
                    modified = Instant.ofEpochMilli(rs.getLong(3));
                    unpublished = optionalInstant(rs, 4);
                }
            }
            List<StoredVersion> versions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                    + " FROM registry_versions WHERE name = ? ORDER BY published_at, version")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        versions.add(version(rs));
                    }
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tag, version FROM registry_dist_tags WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tags.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            List<StoredUser> maintainers = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.email, u.password_hash, u.created_at"
                    + " FROM registry_maintainers m JOIN registry_users u ON u.username = m.username"
                    + " WHERE m.name = ? ORDER BY u.username")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        maintainers.add(user(rs));
                    }
                }
            }
            return Optional.of(new StoredPackage(name, rev, created, modified, unpublished, versions, tags, maintainers));
        });
    }

    @Override
    public OptionalLong packageRev(String name) throws RegistryStorageException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT rev FROM registry_packages WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public Optional<StoredVersion> findTarball(String name, String tarballFile) throws RegistryStorageException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM registry_versions"
                    + " WHERE name = ? AND tarball_file = ? AND unpublished_at IS NULL")) {
                ps.setString(1, name);
                ps.setString(2, tarballFile);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(version(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredAttestation> attestations(String name, String version) throws RegistryStorageException {
        return read(c -> {
            List<StoredAttestation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.predicate_type, a.bundle FROM registry_attestations a"
                    + " JOIN registry_versions v ON v.name = a.name AND v.version = a.version"
                    + " WHERE a.name = ? AND a.version = ? AND v.unpublished_at IS NULL ORDER BY a.predicate_type")) {
                ps.setString(1, name);
                ps.setString(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredAttestation(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public OptionalLong apply(String name, OptionalLong expectedRev, List<PackageChange> changes, Instant now)
            throws RegistryStorageException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                OptionalLong rev = bumpRev(c, name, expectedRev, now);
                if (rev.isEmpty()) {
                    c.rollback();
                    return rev;
                }
                for (PackageChange change : changes) {
                    switch (change) {
                        case AddVersion add -> addVersion(c, name, add, now);
                        case SetDistTag tag -> setDistTag(c, name, tag);
                        case Deprecate deprecate -> deprecate(c, name, deprecate);
                        case SetMaintainers maintainers -> setMaintainers(c, name, maintainers.usernames());
                        case UnpublishVersions unpublish -> unpublishVersions(c, name, unpublish, now);
                        case UnpublishPackage unpublish -> unpublishPackage(c, name, now);
                    }
                }
                c.commit();
                return rev;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (isConstraintViolation(e)) {
                    return OptionalLong.empty(); // a concurrent writer got there first; the caller reads again
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryStorageException("cannot update package " + name, e);
        }
    }

    /** Moves the revision on from {@code expected} (or creates the package row); empty when someone else was first. */
    private static OptionalLong bumpRev(Connection c, String name, OptionalLong expected, Instant now) throws SQLException {
        if (expected.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry_packages (name, rev, created_at,"
                    + " modified_at) VALUES (?, 1, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setLong(2, now.toEpochMilli());
                ps.setLong(3, now.toEpochMilli());
                return ps.executeUpdate() == 1 ? OptionalLong.of(1) : OptionalLong.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE registry_packages SET rev = rev + 1, modified_at = ? WHERE name = ? AND rev = ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, name);
            ps.setLong(3, expected.getAsLong());
            return ps.executeUpdate() == 1 ? OptionalLong.of(expected.getAsLong() + 1) : OptionalLong.empty();
        }
    }

    private static void addVersion(Connection c, String name, AddVersion add, Instant now) throws SQLException {
        boolean revived = update(c, "UPDATE registry_packages SET unpublished_at = NULL, created_at = ?"
                + " WHERE name = ? AND unpublished_at IS NOT NULL", now.toEpochMilli(), name) == 1;
        if (revived) { // a name unpublished as a whole starts again with its new publisher as its only maintainer
            update(c, "DELETE FROM registry_maintainers WHERE name = ?", name);
        }
        StoredVersion v = add.version();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO registry_versions (" + VERSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, v.version());
            ps.setString(3, v.manifest());
            ps.setString(4, v.integrity());
            ps.setString(5, v.shasum());
            ps.setString(6, v.tarballFile());
            ps.setString(7, v.blobKey());
            ps.setLong(8, v.fileCount());
            ps.setLong(9, v.unpackedSize());
            ps.setLong(10, v.publishedAt().toEpochMilli());
            ps.setString(11, v.publisher());
            setOptional(ps, 12, v.deprecated());
            ps.setNull(13, Types.BIGINT);
            ps.setString(14, StoredJson.writeSignatures(v.signatures()));
            setOptional(ps, 15, v.provenanceType());
            ps.executeUpdate();
        }
        for (StoredAttestation a : add.attestations()) {
            update(c, "INSERT INTO registry_attestations (name, version, predicate_type, bundle) VALUES (?, ?, ?, ?)",
                    name, v.version(), a.predicateType(), a.bundle());
        }
        for (Map.Entry<String, String> tag : add.distTags().entrySet()) {
            setDistTag(c, name, new SetDistTag(tag.getKey(), Optional.of(tag.getValue())));
        }
        update(c, "INSERT INTO registry_maintainers (name, username) SELECT ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM registry_maintainers WHERE name = ?)", name, add.firstMaintainer(), name);
        if (add.claimScope().isPresent()) {
            String scope = add.claimScope().get();
            update(c, "INSERT INTO registry_scope_members (scope, username) SELECT ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM registry_scope_members WHERE scope = ?)", scope, add.firstMaintainer(), scope);
        }
    }

    private static void setDistTag(Connection c, String name, SetDistTag tag) throws SQLException {
        if (tag.version().isEmpty()) {
            update(c, "DELETE FROM registry_dist_tags WHERE name = ? AND tag = ?", name, tag.tag());
        } else {
            update(c, "INSERT INTO registry_dist_tags (name, tag, version) VALUES (?, ?, ?)"
                    + " ON CONFLICT (name, tag) DO UPDATE SET version = excluded.version", name, tag.tag(),
                    tag.version().get());
        }
    }

    private static void deprecate(Connection c, String name, Deprecate deprecate) throws SQLException {
        for (Map.Entry<String, String> e : deprecate.messages().entrySet()) {
            update(c, "UPDATE registry_versions SET deprecated = ? WHERE name = ? AND version = ?",
                    e.getValue().isEmpty() ? null : e.getValue(), name, e.getKey());
        }
    }

    private static void setMaintainers(Connection c, String name, List<String> usernames) throws SQLException {
        update(c, "DELETE FROM registry_maintainers WHERE name = ?", name);
        for (String username : usernames) {
            update(c, "INSERT INTO registry_maintainers (name, username) VALUES (?, ?)", name, username);
        }
    }

    private static void unpublishVersions(Connection c, String name, UnpublishVersions unpublish, Instant now)
            throws SQLException {
        for (String version : unpublish.versions()) {
            update(c, "UPDATE registry_versions SET unpublished_at = ? WHERE name = ? AND version = ?",
                    now.toEpochMilli(), name, version);
        }
        update(c, "DELETE FROM registry_dist_tags WHERE name = ?", name);
        for (Map.Entry<String, String> tag : unpublish.distTags().entrySet()) {
            setDistTag(c, name, new SetDistTag(tag.getKey(), Optional.of(tag.getValue())));
        }
    }

    private static void unpublishPackage(Connection c, String name, Instant now) throws SQLException {
        update(c, "UPDATE registry_versions SET unpublished_at = ? WHERE name = ? AND unpublished_at IS NULL",
                now.toEpochMilli(), name);
        update(c, "UPDATE registry_packages SET unpublished_at = ? WHERE name = ?", now.toEpochMilli(), name);
        update(c, "DELETE FROM registry_dist_tags WHERE name = ?", name);
    }

    @Override
    public List<String> scopeMembers(String scope) throws RegistryStorageException {
        return read(c -> strings(c, "SELECT username FROM registry_scope_members WHERE scope = ? ORDER BY username", scope));
    }

    @Override
    public List<String> search(String text, int from, int size) throws RegistryStorageException {
        String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return read(c -> {
            List<String> names = new ArrayList<>();
            // The latest manifest carries description and keywords; a substring match on its JSON text is enough for
            // a private registry's search (npm ranks with its own scores; we order by name).
            try (PreparedStatement ps = c.prepareStatement("SELECT p.name FROM registry_packages p"
                    + " WHERE p.unpublished_at IS NULL AND (LOWER(p.name) LIKE ? ESCAPE '\\' OR EXISTS ("
                    + " SELECT 1 FROM registry_dist_tags t JOIN registry_versions v"
                    + " ON v.name = t.name AND v.version = t.version"
                    + " WHERE t.name = p.name AND t.tag = 'latest' AND LOWER(v.manifest) LIKE ? ESCAPE '\\'))"
                    + " ORDER BY p.name LIMIT ? OFFSET ?")) {
                ps.setString(1, like);
                ps.setString(2, like);
                ps.setInt(3, size);
                ps.setInt(4, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    @Override
    public List<StoredTrustedPublisher> trustedPublishers(String name) throws RegistryStorageException {
        return read(c -> {
            List<StoredTrustedPublisher> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, type, claims, created_by, created_at"
                    + " FROM registry_trusted_publishers WHERE name = ? ORDER BY created_at, id")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredTrustedPublisher(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean addTrustedPublisher(StoredTrustedPublisher p) throws RegistryStorageException {
        // one per package (npmjs's rule), kept by the unique index on name
        return write(c -> update(c, "INSERT INTO registry_trusted_publishers (id, name, type, claims, created_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING", p.id(), p.name(), p.type(),
                p.claims(), p.createdBy(), p.createdAt().toEpochMilli()) == 1);
    }

    @Override
    public boolean deleteTrustedPublisher(String name, String id) throws RegistryStorageException {
        return write(c -> update(c, "DELETE FROM registry_trusted_publishers WHERE name = ? AND id = ?", name, id) == 1);
    }

    @Override
    public boolean createUser(StoredUser user) throws RegistryStorageException {
        return write(c -> update(c, "INSERT INTO registry_users (username, email, password_hash, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING", user.username(), user.email(),
                user.passwordHash(), user.createdAt().toEpochMilli()) == 1);
    }

    @Override
    public Optional<StoredUser> findUser(String username) throws RegistryStorageException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, email, password_hash, created_at FROM registry_users WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void addToken(StoredToken t) throws RegistryStorageException {
        write(c -> update(c, "INSERT INTO registry_tokens (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.key(), t.tokenHash(), t.username(), t.name(), t.prefix(), t.readonly(), t.pkg().orElse(null),
                StoredJson.writeStrings(t.cidr()), t.createdAt().toEpochMilli(),
                t.expiresAt().map(Instant::toEpochMilli).orElse(null)));
    }

    @Override
    public Optional<StoredToken> findToken(String tokenHash) throws RegistryStorageException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + TOKEN_COLUMNS + " FROM registry_tokens WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(token(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredToken> tokens(String username) throws RegistryStorageException {
        return read(c -> {
            List<StoredToken> tokens = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TOKEN_COLUMNS
                    + " FROM registry_tokens WHERE username = ? ORDER BY created_at, token_key")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tokens.add(token(rs));
                    }
                }
            }
            return tokens;
        });
    }

    @Override
    public boolean deleteToken(String username, String key) throws RegistryStorageException {
        return write(c -> update(c, "DELETE FROM registry_tokens WHERE username = ? AND token_key = ?", username, key) == 1);
    }

    @Override
    public boolean deleteTokenByHash(String tokenHash) throws RegistryStorageException {
        return write(c -> update(c, "DELETE FROM registry_tokens WHERE token_hash = ?", tokenHash) == 1);
    }

    @Override
    public UpstreamCacheStore upstreamCache() {
        return new JdbcUpstreamCacheStore(pool);
    }

    @Override
    public void close() {
        if (readPool != pool) {
            readPool.close();
        }
        pool.close();
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) throws RegistryStorageException {
        try (Connection c = readPool.getConnection()) {
            c.setAutoCommit(false); // one snapshot for the whole read
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryStorageException("cannot read the registry database", e);
        }
    }

    private <T> T write(Work<T> work) throws RegistryStorageException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new RegistryStorageException("cannot write the registry database", e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static StoredVersion version(ResultSet rs) throws SQLException {
        return new StoredVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), Instant.ofEpochMilli(rs.getLong(10)),
                rs.getString(11), Optional.ofNullable(rs.getString(12)), optionalInstant(rs, 13),
                StoredJson.readSignatures(rs.getString(14)), Optional.ofNullable(rs.getString(15)));
    }

    private static StoredUser user(ResultSet rs) throws SQLException {
        return new StoredUser(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
    }

    private static StoredToken token(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), Optional.ofNullable(rs.getString(7)), StoredJson.readStrings(rs.getString(8)),
                Instant.ofEpochMilli(rs.getLong(9)), optionalInstant(rs, 10));
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    private static boolean isConstraintViolation(Exception e) {
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            // PostgreSQL: class 23 integrity violation; SQLite: SQLITE_CONSTRAINT (19) family
            return (state != null && state.startsWith("23")) || sql.getErrorCode() == 19
                    || String.valueOf(sql.getMessage()).contains("SQLITE_CONSTRAINT");
        }
        return false;
    }
}
