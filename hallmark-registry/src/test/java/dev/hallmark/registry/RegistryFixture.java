package dev.hallmark.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.auth.Accounts;
import dev.hallmark.registry.auth.PasswordHasher;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.pkg.TestTarballs;
import dev.hallmark.registry.publish.ProvenanceGate;
import dev.hallmark.registry.sign.PublishAttester;
import dev.hallmark.registry.sign.RegistryKeyRing;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.util.List;
import dev.hallmark.registry.store.FileBlobStore;
import dev.hallmark.registry.store.RegistryStore;
import dev.hallmark.registry.store.RegistryStores;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A registry on a real store (a SQLite file or a fresh PostgreSQL schema), with a settable clock, and npm-shaped
 * publish bodies. The same tests run on both stores (DESIGN.md "Storage").
 */
public final class RegistryFixture implements AutoCloseable {
    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    public static final URI PUBLIC_URL = URI.create("http://registry.test:4873");

    public static final RegistryKeyRing KEYS = keyRing();
    public final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
    public final InstantSource clock = () -> now.get();
    public final RegistryStore store;
    public final Registry registry;
    public final Accounts accounts;
    private final Optional<String> schema;

    private RegistryFixture(RegistryStore store, Path blobs, Optional<String> schema, ProvenanceGate gate) {
        this.store = store;
        this.schema = schema;
        this.registry = new Registry(store, new FileBlobStore(blobs), RegistryOptions.defaults(PUBLIC_URL),
                gate, KEYS, PublishAttester.NONE, clock);
        // cheap KDF parameters: tests create many users; the standard ones are exercised in PasswordHasherTest
        this.accounts = new Accounts(store, new PasswordHasher(64, 1, new SecureRandom()), clock, true);
    }

    private static RegistryKeyRing keyRing() {
        try {
            return new RegistryKeyRing(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256), List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RegistryFixture open(String kind, Path dir) throws Exception {
        return open(kind, dir, ProvenanceGate.REFUSE_BUNDLES);
    }

    public static RegistryFixture open(String kind, Path dir, ProvenanceGate gate) throws Exception {
        if (kind.equals("sqlite")) {
            return new RegistryFixture(RegistryStores.sqlite(dir.resolve("registry.db")), dir.resolve("blobs"),
                    Optional.empty(), gate);
        }
        String schema = "registry_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        sql("CREATE SCHEMA " + schema);
        return new RegistryFixture(RegistryStores.open(POSTGRES + "&currentSchema=" + schema), dir.resolve("blobs"),
                Optional.of(schema), gate);
    }

    public Principal user(String name) throws Exception {
        accounts.login(name, "pw-" + name, Optional.of(name + "@example.com"));
        return new Principal(name, false, Optional.empty(), Optional.empty());
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** The body npm 11 sends for {@code npm publish} (npm.md §4). */
    public static ObjectNode publishBody(String name, String version, String tag, byte[] tgz) {
        ObjectNode body = Json.object();
        body.put("_id", name);
        body.put("name", name);
        body.putObject("dist-tags").put(tag, version);
        ObjectNode doc = body.putObject("versions").putObject(version);
        doc.put("name", name);
        doc.put("version", version);
        doc.put("_id", name + "@" + version);
        doc.put("description", "test package " + name);
        ObjectNode dist = doc.putObject("dist");
        dist.put("integrity", "sha512-" + Base64.getEncoder().encodeToString(Digest.sha512(tgz).value().toArray()));
        dist.put("shasum", sha1Hex(tgz));
        dist.put("tarball", "http://registry.test/" + name + "/-/" + name + "-" + version + ".tgz");
        body.putNull("access");
        ObjectNode att = body.putObject("_attachments").putObject(name + "-" + version + ".tgz");
        att.put("content_type", "application/octet-stream");
        att.put("data", Base64.getEncoder().encodeToString(tgz));
        att.put("length", tgz.length);
        return body;
    }

    public static ObjectNode publishBody(String name, String version) {
        return publishBody(name, version, "latest", TestTarballs.npmPackage(name, version));
    }

    static String sha1Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES)) {
            c.createStatement().execute(statement);
        }
    }

    @Override
    public void close() throws Exception {
        store.close();
        if (schema.isPresent()) {
            sql("DROP SCHEMA " + schema.get() + " CASCADE");
        }
    }
}
