package dev.hallmark.bench.log;

import dev.hallmark.bench.BenchEnvironment;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.storage.LogStorages;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.config.HallmarkConfig;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.log.TransparencyLogService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Inclusion proofs served (issue 3, "Performance"): on a log of {@code proofEntries} entries, proofs per second
 * through {@link LogEngine#inclusionProof} in-process, and over HTTP from a running {@link HallmarkServer}: Rekor v1
 * {@code GET /log/api/v1/log/entries?logIndex=N} (entry, fresh SET, inclusion proof and checkpoint) and, for the
 * tiles clients build proofs from, {@code GET /log/tile/0/N}. Loopback only, bounded in time.
 */
final class ProofBench {
    private ProofBench() {
    }

    /** Adds {@code n} distinct entries as fast as the engine takes them; returns the published size covering them. */
    static long populate(LogEngine engine, int n, int bodyBytes) throws Exception {
        Semaphore inFlight = new Semaphore(4096);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong maxIndex = new AtomicLong(-1);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n && failure.get() == null; i++) {
            byte[] body = new byte[bodyBytes];
            random.nextBytes(body);
            ByteBuffer.wrap(body).putLong(i);
            inFlight.acquire();
            engine.add(Bytes.of(body)).whenComplete((outcome, e) -> {
                if (e != null) {
                    failure.set(e);
                } else {
                    maxIndex.accumulateAndGet(outcome.index(), Math::max);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(4096);
        if (failure.get() != null) {
            throw new IllegalStateException("populating the log failed", failure.get());
        }
        return engine.checkpointCovering(maxIndex.get()).get(120, TimeUnit.SECONDS).size();
    }

    /** Proofs per second from {@code threads} platform threads asking for random indices at the published size. */
    static Map<String, Object> inProcess(String store, LogEngine engine, long size, int threads, Duration d)
            throws Exception {
        LongAdder proofs = new LongAdder();
        LatencyHistogram latency = new LatencyHistogram();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + d.toNanos();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            workers.add(Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    for (long now = System.nanoTime(); now < end;) {
                        engine.inclusionProof(random.nextLong(size), size);
                        long after = System.nanoTime();
                        latency.record(after - now);
                        proofs.increment();
                        now = after;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", "in-process LogEngine.inclusionProof");
        r.put("store", store);
        r.put("treeSize", size);
        r.put("threads", threads);
        r.put("perSecond", Math.round(proofs.sum() / seconds));
        r.put("p50Micros", AppendBench.round(latency.quantile(0.5) / 1e3, 1));
        r.put("p99Micros", AppendBench.round(latency.quantile(0.99) / 1e3, 1));
        return r;
    }

    /** A Hallmark server over a freshly populated embedded log; Rekor entries and tiles fetched over HTTP. */
    static List<Map<String, Object>> http(Options o) throws Exception {
        Files.createDirectories(o.workDir());
        Path dataDir = Files.createTempDirectory(o.workDir(), "log-http-");
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            long size = populateServerLog(dataDir, o);
            ConfigOverrides port0 = new ConfigOverrides(Optional.empty(), Optional.of(0), Optional.empty(),
                    Optional.empty(), false);
            try (HallmarkServer server = HallmarkServer.builder(dataDir).overrides(port0).accessLog(line -> { })
                    .start();
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
                String log = server.urls().log().toString();
                String info = get(client, URI.create(log + "/api/v1/log"));
                if (new ObjectMapper().readTree(info).path("treeSize").asLong() != size) {
                    throw new IllegalStateException("server does not serve the populated log: " + info);
                }
                LongFunction<URI> entries = i -> URI.create(log + "/api/v1/log/entries?logIndex=" + i);
                LongFunction<URI> tiles = i -> URI.create(log + "/" + TilePath.tilePath(0, i / 256, 256));
                if (!get(client, entries.apply(size - 1)).contains("\"inclusionProof\"")) {
                    throw new IllegalStateException("no inclusion proof in the Rekor entry");
                }
                long fullTiles = size / 256 * 256;
                for (int clients : o.httpClients()) {
                    rows.add(load(client, "GET /log/api/v1/log/entries?logIndex=N", entries, size, clients, o));
                    rows.add(load(client, "GET /log/tile/0/N (full tiles)", tiles, fullTiles, clients, o));
                }
            }
        } finally {
            BenchEnvironment.deleteTree(dataDir);
        }
        return rows;
    }

    /** The server's own log ("rekor" in its default database), under its own key and origin, filled before it starts. */
    private static long populateServerLog(Path dataDir, Options o) throws Exception {
        DataDirectory dir = DataDirectory.prepare(dataDir);
        Signer key = new FileKeyManager(dir.keys()).signer(TransparencyLogService.KEY,
                SignatureAlgorithm.ECDSA_P256_SHA256);
        String origin = HallmarkConfig.DEFAULT_HOST; // the log URL's host: the server's checkpoint origin
        String url = HallmarkConfig.defaults().storage().jdbcUrl(dataDir); // where the server will look
        try (LogEngine engine = LogEngine.builder(LogStorages.open(url, dataDir, "rekor"),
                NoteSigner.of(origin, key), origin, InstantSource.system()).maxBatchEntries(o.batch())
                .maxBatchAge(o.batchAge()).queueCapacity(o.queue()).maxIntegrationStep(o.step()).cachedTiles(o.cachedTiles()).build().start()) {
            return populate(engine, o.proofEntries(), o.bodyBytes());
        }
    }

    private static Map<String, Object> load(HttpClient client, String what, LongFunction<URI> uri, long range,
            int clients, Options o) throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder bytes = new LongAdder();
        LatencyHistogram latency = new LatencyHistogram();
        long warm = System.nanoTime() + Math.min(o.proofDuration().toNanos() / 5, 2_000_000_000L);
        long end = warm + o.proofDuration().toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = c;
            workers.add(Thread.ofVirtual().start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (long now = System.nanoTime(); now < end;) {
                    HttpRequest req = HttpRequest.newBuilder(uri.apply(random.nextLong(range))).GET().build();
                    boolean good;
                    int length = 0;
                    try {
                        HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        good = resp.statusCode() == 200;
                        length = resp.body().length;
                    } catch (Exception e) {
                        good = false;
                    }
                    long after = System.nanoTime();
                    if (now >= warm) {
                        (good ? ok : errors).increment();
                        bytes.add(length);
                        latency.record(after - now);
                    }
                    now = after;
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - warm) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", what);
        r.put("store", "sqlite");
        r.put("treeSize", range);
        r.put("clients", clients);
        r.put("perSecond", Math.round(ok.sum() / seconds));
        r.put("errors", errors.sum());
        r.put("meanBytes", ok.sum() == 0 ? 0 : bytes.sum() / (ok.sum() + errors.sum()));
        r.put("p50Millis", AppendBench.millis(latency.quantile(0.5)));
        r.put("p99Millis", AppendBench.millis(latency.quantile(0.99)));
        return r;
    }

    private static String get(HttpClient client, URI uri) throws Exception {
        HttpResponse<byte[]> resp = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(resp.body(), StandardCharsets.UTF_8);
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + resp.statusCode() + ": " + body);
        }
        return body;
    }

}
