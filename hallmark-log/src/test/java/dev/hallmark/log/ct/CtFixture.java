package dev.hallmark.log.ct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.LogStorages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A CT log on the real engine over SQLite in a temporary directory, with a test CA whose root it accepts. */
final class CtFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");
    static final String ORIGIN = "ct.test.hallmark";

    final Path dir;
    final LogStorage storage;
    final LogEngine engine;
    final Signer ctKey = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    final TestCa ca;
    final CtLogApi api;

    CtFixture() throws Exception {
        this(CtLimits.defaults());
    }

    CtFixture(CtLimits limits) throws Exception {
        dir = Files.createTempDirectory("hallmark-ct-test");
        storage = LogStorages.open(null, dir, "ct");
        InstantSource clock = InstantSource.fixed(NOW);
        engine = LogEngine.builder(storage, NoteSigner.of(ORIGIN, Signer.generate(SignatureAlgorithm.ED25519)), ORIGIN, clock)
                .maxBatchAge(Duration.ofMillis(1)).pollInterval(Duration.ofMillis(20)).build().start();
        ca = new TestCa("ct test");
        api = new CtLogApi(engine, engine, storage.extraData(), ctKey, List.of(ca.root.cert()), clock, limits);
    }

    /** {@code {"chain": [b64 DER, …]}} as Fulcio sends it (sigstore.md §2.1). */
    static Bytes chainJson(X509Certificate... chain) {
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("chain");
        for (X509Certificate c : chain) {
            array.add(Certificates.der(c).base64());
        }
        return Bytes.of(Json.write(root));
    }

    static JsonNode json(LogApiResponse response) throws FormatException {
        return Json.parse(response.body().toArray(), 1 << 24);
    }

    /** The SCT of an add response, read as a CA does. */
    static SignedCertificateTimestamp sct(LogApiResponse response) throws FormatException {
        JsonNode j = json(response);
        return SctEncoding.fromResponse(j.get("sct_version").intValue(), Bytes.fromBase64(j.get("id").textValue()),
                j.get("timestamp").longValue(), Bytes.fromBase64(j.get("extensions").textValue()),
                Bytes.fromBase64(j.get("signature").textValue()));
    }

    /** Waits until the published tree holds at least {@code size} entries. */
    PublishedCheckpoint published(long size) throws Exception {
        return size == 0 ? engine.latestCheckpoint() : engine.checkpointCovering(size - 1).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
