package dev.hallmark.server.log;

import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.rekor.RekorLimits;
import dev.hallmark.log.rekor.RekorV1Api;
import dev.hallmark.log.rekor.RekorV2Api;
import dev.hallmark.log.storage.LogStorages;
import dev.hallmark.log.tiles.TilesApi;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.Services;
import dev.hallmark.server.http.Request;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.server.keys.KeyName;
import dev.hallmark.core.FormatException;
import dev.hallmark.log.witness.Cosigner;
import dev.hallmark.core.rekor.RekorSubmitter;
import dev.hallmark.core.rekor.RekorV1Entries;
import dev.hallmark.log.witness.WitnessCosigner;
import dev.hallmark.log.witness.WitnessPolicy;
import dev.hallmark.server.config.WitnessConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.time.temporal.ChronoUnit;

/**
 * The Rekor-compatible transparency log at {@code /log}: one {@link LogEngine} ("rekor") behind the Rekor v1 API, the
 * Rekor v2 write API and the C2SP tlog-tiles read API, with its key in the instance's trusted root.
 *
 * <p>One ECDSA P-256 key signs SETs and checkpoints, because a trusted root lists one key per log. Checkpoints are
 * signed under the host name of the log's public URL, the name sigstore-java and sigstore-js look for (sigstore.md
 * §3.4), which is also their origin, as in Rekor v2 (C2SP tlog-checkpoint: a schema-less log URL, no spaces).
 */
public final class TransparencyLogService {
    public static final KeyName KEY = KeyName.of("log");
    static final String PREFIX = "/log";

    private TransparencyLogService() {
    }

    /** @return the log's Rekor v1 write path for in-process clients (the registry's publish attestations) */
    public static RekorSubmitter wire(ServiceContext context, Services services) throws Exception {
        Signer key = context.keys().signer(KEY, SignatureAlgorithm.ECDSA_P256_SHA256);
        URI base = context.urls().log();
        String name = base.getHost();
        long treeId = treeId(key);
        Cosigner cosigner = cosigner(context); // before anything is opened: a bad policy leaves nothing behind
        LogEngine engine = LogEngine.builder(LogStorages.open(context.jdbcUrl(), context.dataDir().root(), "rekor"),
                        NoteSigner.of(name, key), name, context.clock())
                .cosigner(cosigner)
                .maxBatchAge(Duration.ZERO) // group commit: a batch is whatever queued while the last one synced
                .build();
        services.closeAtShutdown(engine);
        engine.start();
        // Integrated times are whole seconds: the key's validity must start no later than the first one.
        context.trust().writeLog(key.publicKey(), base, context.clock().instant().truncatedTo(ChronoUnit.SECONDS));

        RekorLimits limits = RekorLimits.defaults();
        RekorV1Api v1 = new RekorV1Api(engine, engine, key, treeId, base.getPath(), limits);
        RekorV2Api v2 = new RekorV2Api(engine, engine, NoteVerifier.forLogKey(name, key.publicKey()), limits);
        TilesApi tiles = new TilesApi(engine);
        services.add(RouteGroup.builder("log", PREFIX)
                .post("/api/v1/log/entries", r -> http(v1.createEntry(r.body())))
                .get("/api/v1/log/entries", r -> http(v1.getEntryByIndex(query(r, "logIndex"))))
                .get("/api/v1/log/entries/{id}", r -> http(v1.getEntry(r.pathParam("id"))))
                .post("/api/v1/log/entries/retrieve", r -> http(v1.retrieveEntries(r.body())))
                .post("/api/v1/index/retrieve", r -> http(v1.searchIndex(r.body())))
                .get("/api/v1/log", r -> http(v1.getLogInfo()))
                .get("/api/v1/log/proof", r -> http(v1.getConsistencyProof(query(r, "firstSize"), query(r, "lastSize"))))
                .get("/api/v1/log/publicKey", r -> http(v1.getPublicKey()))
                .post("/api/v2/log/entries", r -> http(v2.createEntry(r.body())))
                .get("/checkpoint", r -> http(tiles.checkpoint()))
                .get("/tile/{path...}", r -> http(tiles.tile("tile/" + r.pathParam("path"))))
                .build());
        return proposed -> {
            LogApiResponse response = v1.createEntry(proposed);
            if (response.status() != 201) {
                throw new FormatException("the log refused the entry: HTTP " + response.status());
            }
            return RekorV1Entries.parseResponse(response.body().toArray());
        };
    }

    /** Witness cosigning as hallmark.yaml configures it; none when no policy file is named. */
    static Cosigner cosigner(ServiceContext context) throws IOException, FormatException {
        WitnessConfig config = context.config().witnesses();
        if (config.policyFile().isEmpty()) {
            return Cosigner.NONE;
        }
        Path file = context.dataDir().root().resolve(config.policyFile().get());
        WitnessPolicy policy;
        try {
            policy = WitnessPolicy.parse(Files.readString(file, StandardCharsets.UTF_8)).withFailOpen(config.failOpen());
        } catch (FormatException e) {
            throw new FormatException("witness policy " + file + ": " + e.getMessage());
        }
        return WitnessCosigner.overHttp(policy, Duration.ofMillis(config.timeoutMillis()));
    }

    /** Rekor's tree ID, a positive int64; derived from the log key so it is stable without being stored. */
    static long treeId(Signer key) {
        byte[] logId = Digest.sha256(Keys.spki(key.publicKey()).toArray()).value().toArray();
        return ByteBuffer.wrap(logId).getLong() & Long.MAX_VALUE;
    }

    private static String query(Request request, String name) {
        return request.queryParam(name).orElse("");
    }

    /** The log module's plain response as an HTTP response; one adapter for every log endpoint. */
    static Response http(LogApiResponse response) {
        return Response.from(response.status(), response.contentType(), response.headers(), response.body());
    }
}
