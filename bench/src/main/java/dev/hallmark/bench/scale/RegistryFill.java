package dev.hallmark.bench.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a registry's embedded database and blob directory in bulk, for the scale run only: publishing 10⁵ packages
 * one {@code npm publish} at a time (each a fsynced SQLite transaction, a fsynced tarball file and a log entry for the
 * publish attestation) would take most of an hour on this machine. This writes the same rows
 * {@code JdbcRegistryStore.apply} writes for a chain of publishes (package with {@code rev} = number of versions, one
 * row per version with the stored manifest npm's document becomes, {@code latest} on the last version, the publisher
 * as maintainer), in large transactions with {@code synchronous=OFF}, while the server is idle.
 *
 * <p>Not as a publish would: (1) tarballs come from a pool of {@code distinctTarballs} real npm-pack-like tarballs
 * (written once each, as FileBlobStore lays them out) and each version row points at one of them, with that
 * tarball's integrity, shasum, file count and size, so every {@code dist} is consistent with the bytes served, but the
 * package.json inside names a pool package: creating and later deleting 3·10⁵ small files costs minutes on this VM and
 * changes nothing a read measures (a tarball GET is one indexed row lookup plus one file read from the page cache);
 * (2) no per-version publish attestation (a log entry and a ~4 KB bundle row); (3) {@code dist.signatures} carry one
 * real signature (made by the server for a probe publish) copied to every version, so packuments have the right shape
 * and size but those signatures do not verify.
 */
final class RegistryFill {
    private static final int PACKAGES_PER_TRANSACTION = 2_000;

    private RegistryFill() {
    }

    /**
     * @param signatures the {@code signatures} column to store with every version (a JSON array)
     * @return counts: packages, versions, tarball bytes, seconds
     */
    static Map<String, Object> fill(Path dbFile, Path blobRoot, List<NpmFixture.Spec> packages, String registryUrl,
            String signatures, Instant firstPublish, int distinctTarballs) throws SQLException, IOException {
        long t0 = System.nanoTime();
        List<NpmFixture.Tarball> pool = new ArrayList<>(distinctTarballs);
        for (int j = 0; j < distinctTarballs; j++) {
            NpmFixture.Tarball t = NpmFixture.tarball(NpmFixture.packageJson("scale-blob-" + j, "1.0.0", j));
            writeBlob(blobRoot, t);
            pool.add(t);
        }
        long versions = 0;
        long tarballBytes = 0;
        long clock = firstPublish.toEpochMilli();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous=OFF");
                st.execute("PRAGMA busy_timeout=60000");
            }
            c.setAutoCommit(false);
            try (PreparedStatement pkg = c.prepareStatement("INSERT INTO registry_packages (name, rev, created_at,"
                    + " modified_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement ver = c.prepareStatement("INSERT INTO registry_versions (name, version,"
                            + " manifest, integrity, shasum, tarball_file, blob_key, file_count, unpacked_size,"
                            + " published_at, publisher, deprecated, unpublished_at, signatures, provenance_type)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL)");
                    PreparedStatement tag = c.prepareStatement(
                            "INSERT INTO registry_dist_tags (name, tag, version) VALUES (?, 'latest', ?)");
                    PreparedStatement owner = c.prepareStatement(
                            "INSERT INTO registry_maintainers (name, username) VALUES (?, ?)")) {
                int inTransaction = 0;
                for (NpmFixture.Spec spec : packages) {
                    long created = clock;
                    String last = null;
                    for (int k = 0; k < spec.versions(); k++) {
                        String v = NpmFixture.version(k);
                        ObjectNode json = NpmFixture.packageJson(spec.name(), v, spec.index());
                        NpmFixture.Tarball t = pool.get(Math.floorMod((spec.name() + "@" + v).hashCode(), pool.size()));
                        ObjectNode doc = NpmFixture.versionDocument(json, t, registryUrl);
                        ver.setString(1, spec.name());
                        ver.setString(2, v);
                        ver.setString(3, NpmFixture.storedManifest(doc));
                        ver.setString(4, t.integrity());
                        ver.setString(5, t.shasum());
                        ver.setString(6, spec.name() + "-" + v + ".tgz");
                        ver.setString(7, t.sha512Hex());
                        ver.setLong(8, t.fileCount());
                        ver.setLong(9, t.unpackedSize());
                        ver.setLong(10, clock++);
                        ver.setString(11, NpmFixture.USER);
                        ver.setString(12, signatures);
                        ver.addBatch();
                        versions++;
                        tarballBytes += t.tgz().length;
                        last = v;
                    }
                    pkg.setString(1, spec.name());
                    pkg.setLong(2, spec.versions());
                    pkg.setLong(3, created);
                    pkg.setLong(4, clock - 1);
                    pkg.addBatch();
                    tag.setString(1, spec.name());
                    tag.setString(2, last);
                    tag.addBatch();
                    owner.setString(1, spec.name());
                    owner.setString(2, NpmFixture.USER);
                    owner.addBatch();
                    if (++inTransaction == PACKAGES_PER_TRANSACTION) {
                        flush(c, pkg, ver, tag, owner);
                        inTransaction = 0;
                    }
                }
                flush(c, pkg, ver, tag, owner);
            }
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("packages", packages.size());
        r.put("versions", versions);
        r.put("tarballBytesIfDistinct", tarballBytes);
        r.put("distinctTarballs", distinctTarballs);
        r.put("fillSeconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        return r;
    }

    private static void flush(Connection c, PreparedStatement... batches) throws SQLException {
        for (PreparedStatement ps : batches) {
            ps.executeBatch();
        }
        c.commit();
    }

    /** FileBlobStore's layout: {@code <root>/<2 hex>/<2 hex>/<sha512 hex>.tgz}. */
    private static void writeBlob(Path root, NpmFixture.Tarball t) throws IOException {
        String key = t.sha512Hex();
        Path dir = root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4));
        Files.createDirectories(dir);
        try {
            Files.write(dir.resolve(key + ".tgz"), t.tgz(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // same key, same bytes
        }
    }
}
