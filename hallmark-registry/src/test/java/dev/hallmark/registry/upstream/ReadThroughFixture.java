package dev.hallmark.registry.upstream;

import static dev.hallmark.registry.RegistryFixture.PUBLIC_URL;
import static dev.hallmark.registry.upstream.UpstreamDocs.integrity;
import static dev.hallmark.registry.upstream.UpstreamDocs.packument;
import static dev.hallmark.registry.upstream.UpstreamDocs.path;
import static dev.hallmark.registry.upstream.UpstreamDocs.shasum;
import static dev.hallmark.registry.upstream.UpstreamDocs.tarballPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.api.NpmApi;
import dev.hallmark.registry.api.NpmApi.Caller;
import dev.hallmark.registry.api.RegistryResponse;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.pkg.TestTarballs;
import dev.hallmark.registry.store.FileBlobStore;
import dev.hallmark.registry.upstream.FakeUpstream.Reply;
import dev.hallmark.registry.upstream.UpstreamException.Reason;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-up shared by the read-through tests, which run on each store (subclasses name it): a registry with an upstream
 * proxy whose upstream is a {@link FakeUpstream} on 127.0.0.1, reached through {@link NpmApi} as the server does.
 */
abstract class ReadThroughFixture {
    static final String JSON = "application/json";
    static final String INSTALL = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path dir;
    RegistryFixture f;
    FakeUpstream up;
    FileBlobStore blobs;
    ReadThrough readThrough;
    NpmApi api;
    private final List<Upstream> clients = new ArrayList<>();
    private final Map<String, byte[]> tarballs = new java.util.concurrent.ConcurrentHashMap<>();

    abstract String kind();

    @BeforeEach
    void open() throws Exception {
        f = RegistryFixture.open(kind(), dir);
        up = new FakeUpstream();
        blobs = new FileBlobStore(dir.resolve("blobs"));
        readThrough = readThrough(options(1024 * 1024, 1024 * 1024));
        api = new NpmApi(f.registry, f.accounts, f.noTrustedIssuers(), f.clock, Optional.of(readThrough));
    }

    @AfterEach
    void close() throws Exception {
        clients.forEach(Upstream::close);
        up.close();
        f.close();
    }

    UpstreamOptions options(long maxPackumentBytes, long maxTarballBytes) {
        return new UpstreamOptions(up.url(), Duration.ofSeconds(10), maxPackumentBytes, maxTarballBytes,
                Optional.empty(), TTL);
    }

    ReadThrough readThrough(UpstreamOptions options) {
        Upstream client = new Upstream(options);
        clients.add(client);
        return new ReadThrough(client, f.store.upstreamCache(), blobs, f.clock);
    }

    static Caller caller(String accept) {
        return new Caller(Optional.empty(), Optional.of(accept), Optional.empty(), "127.0.0.1");
    }

    static Caller revalidating(String etag) {
        return new Caller(Optional.empty(), Optional.of(JSON), Optional.of(etag), "127.0.0.1");
    }

    static ObjectNode json(RegistryResponse r) throws Exception {
        return Json.parseObject(r.body().toArray(), Integer.MAX_VALUE);
    }

    /** Publishes {@code name} on the fake upstream with the given versions (the last is latest); returns the doc. */
    ObjectNode upstreamHas(String name, String etag, String... versions) {
        Map<String, byte[]> tarballs = new LinkedHashMap<>();
        for (String v : versions) {
            tarballs.put(v, tgz(name, v));
        }
        ObjectNode doc = packument(up.url(), name, tarballs);
        up.reply(path(name), Reply.json(doc, etag));
        tarballs.forEach((v, bytes) -> up.reply(tarballPath(name, v), Reply.bytes(bytes)));
        return doc;
    }

    /** One tarball per name and version for the whole test (TestTarballs stamps the time, so each call differs). */
    byte[] tgz(String name, String version) {
        return tarballs.computeIfAbsent(name + "@" + version, k -> TestTarballs.npmPackage(name, version));
    }

    static String localTarballUrl(String name, String version) {
        return PUBLIC_URL + "/" + name + "/-/" + name.substring(name.indexOf('/') + 1) + "-" + version + ".tgz";
    }

    Reason refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (UpstreamException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("expected an UpstreamException", e);
        }
        throw new AssertionError("expected a refusal");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    static PackageName name(String n) throws Exception {
        return PackageName.parse(n);
    }

    boolean blobStored(byte[] bytes) throws Exception {
        return blobs.get(Digest.sha512(bytes).hex()).isPresent();
    }

    static void assertDistKeptExceptTarball(ObjectNode served, ObjectNode upstream, String version, String tarball) {
        ObjectNode expected = upstream.path("versions").path(version).path("dist").deepCopy();
        expected.put("tarball", tarball);
        assertThat(served.path("versions").path(version).path("dist")).isEqualTo(expected);
    }

    static URI uri(String s) {
        return URI.create(s);
    }

    static String sri(byte[] tgz) {
        return integrity(tgz);
    }

    static String sha1(byte[] tgz) {
        return shasum(tgz);
    }
}
