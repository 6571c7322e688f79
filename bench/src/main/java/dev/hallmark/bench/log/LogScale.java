package dev.hallmark.bench.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.bench.DiskUsage;
import dev.hallmark.bench.HttpLoad;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.merkle.TilePath;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.engine.LogEngine;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.storage.LogStorages;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.config.HallmarkConfig;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.log.TransparencyLogService;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transparency log at several sizes (issue 8, "scale"): for each store and each size n, a fresh log filled with n
 * entries as fast as the engine takes them, then, at exactly n, in-process inclusion and consistency proofs, the
 * store's size on disk, and (embedded store) tiles and Rekor entries over HTTP from a {@link HallmarkServer} serving
 * that log; last, durable appends at a fixed submitter count starting from n. One row per store and size.
 */
public final class LogScale {
    private LogScale() {
    }

    /**
     * @param pgMaxSize PostgreSQL is filled only up to this size (its fill is slower); larger sizes are skipped
     * @param appendWarmup and appendDuration: the append window, which grows the log beyond n while it runs
     */
    public record Settings(List<String> stores, List<Integer> sizes, int pgMaxSize, int submitters,
            Duration appendWarmup, Duration appendDuration, Duration readDuration, int httpClients, String pgUrl,
            Path workDir) {
    }

    public static List<Map<String, Object>> run(Settings s) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String store : s.stores()) {
            // A discarded pass at the smallest size first: otherwise the first row measures the JIT compiling the
            // engine, the store's driver and the HTTP stack (a shakedown run gave 3-8x lower figures at 10^3).
            int smallest = s.sizes().stream().min(Integer::compare).orElseThrow();
            System.out.printf("log %s %,d entries (warm-up, not recorded) ...%n", store, smallest);
            if (store.equals("sqlite")) {
                sqlite(smallest, s);
            } else {
                postgres(smallest, s);
            }
            for (int size : s.sizes()) {
                if (store.equals("postgres") && size > s.pgMaxSize()) {
                    System.out.printf("log %s %,d: skipped (--pg-max-size=%d)%n", store, size, s.pgMaxSize());
                    continue;
                }
                System.out.printf("log %s %,d entries ...%n", store, size);
                Map<String, Object> row = store.equals("sqlite") ? sqlite(size, s) : postgres(size, s);
                System.out.println("  " + row);
                rows.add(row);
            }
        }
        return rows;
    }

    /** The server's own log ("rekor", in its default database, under its own key), so a server can then serve it. */
    private static Map<String, Object> sqlite(int size, Settings s) throws Exception {
        Files.createDirectories(s.workDir());
        Path dataDir = Files.createTempDirectory(s.workDir(), "scale-log-");
        try {
            DataDirectory dir = DataDirectory.prepare(dataDir);
            Signer key = new FileKeyManager(dir.keys()).signer(TransparencyLogService.KEY,
                    SignatureAlgorithm.ECDSA_P256_SHA256);
            String origin = HallmarkConfig.DEFAULT_HOST;
            String url = HallmarkConfig.defaults().storage().jdbcUrl(dataDir);
            Options o = options(s);
            Map<String, Object> row = row("sqlite", size);
            CountingStorage storage = new CountingStorage(LogStorages.open(url, dataDir, "rekor"));
            try (LogEngine engine = engine(storage, key, origin, o)) {
                LogFill.fill(engine, storage, size, o, row, null);
                proofs(engine, s, row);
            }
            Path db = Path.of(url.substring("jdbc:sqlite:".length()));
            row.put("dbObjects", DiskUsage.sqliteObjects(db)); // also moves the WAL's pages into the file
            long dbBytes = DiskUsage.size(db) + DiskUsage.size(Path.of(db + "-wal"));
            row.put("dbBytes", dbBytes);
            row.put("bytesPerEntry", Math.round((double) dbBytes / size));
            row.put("dataDirBytes", DiskUsage.treeBytes(dataDir));
            http(dataDir, size, s, row);
            CountingStorage again = new CountingStorage(LogStorages.open(url, dataDir, "rekor"));
            try (LogEngine engine = engine(again, key, origin, o)) {
                appends(engine, again, o, row);
            }
            return row;
        } finally {
            BenchEnvironment.deleteTree(dataDir);
        }
    }

    private static Map<String, Object> postgres(int size, Settings s) throws Exception {
        try (BenchStore bs = BenchStore.fresh("postgres", s.workDir(), s.pgUrl())) {
            Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            Options o = options(s);
            Map<String, Object> row = row("postgres", size);
            CountingStorage storage = new CountingStorage(bs.open("scale"));
            try (LogEngine engine = engine(storage, key, AppendBench.ORIGIN, o)) {
                LogFill.fill(engine, storage, size, o, row,
                        LogFill.analyzer(s.pgUrl(), bs.schema().orElseThrow()));
                proofs(engine, s, row);
            }
            Map<String, Long> objects = postgresBytes(s.pgUrl(), bs.schema().orElseThrow());
            long dbBytes = objects.values().stream().mapToLong(Long::longValue).sum();
            row.put("dbObjects", objects);
            row.put("dbBytes", dbBytes);
            row.put("bytesPerEntry", Math.round((double) dbBytes / size));
            CountingStorage again = new CountingStorage(bs.open("scale"));
            try (LogEngine engine = engine(again, key, AppendBench.ORIGIN, o)) {
                appends(engine, again, o, row);
            }
            return row;
        }
    }

    private static Options options(Settings s) {
        return Options.parse(new String[] {"--submitters=" + s.submitters()});
    }

    private static Map<String, Object> row(String store, int size) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("store", store);
        row.put("size", size);
        row.put("loadAverage", Math.round(load() * 100) / 100.0);
        return row;
    }

    private static LogEngine engine(LogStorage storage, Signer key, String origin, Options o) throws Exception {
        return LogEngine.builder(storage, NoteSigner.of(origin, key), origin, InstantSource.system())
                .maxBatchEntries(o.batch()).maxBatchAge(o.batchAge()).queueCapacity(o.queue())
                .maxIntegrationStep(o.step()).cachedTiles(o.cachedTiles()).build().start();
    }

    /** Inclusion proofs for random indices and consistency proofs from random earlier sizes, both at size n. */
    private static void proofs(LogEngine engine, Settings s, Map<String, Object> row) throws Exception {
        long size = engine.latestCheckpoint().size();
        Map<String, Object> inclusion = ProofBench.inProcess(row.get("store").toString(), engine, size, 1,
                s.readDuration());
        row.put("inclusionPerSecond", inclusion.get("perSecond"));
        row.put("inclusionP50Micros", inclusion.get("p50Micros"));
        LongAdder proofs = new LongAdder();
        LatencyHistogram latency = new LatencyHistogram();
        SplittableRandom random = new SplittableRandom(11);
        long start = System.nanoTime();
        long end = start + s.readDuration().toNanos();
        for (long now = start; now < end;) {
            engine.consistencyProof(1 + random.nextLong(size - 1), size);
            long after = System.nanoTime();
            latency.record(after - now);
            proofs.increment();
            now = after;
        }
        row.put("consistencyPerSecond", Math.round(proofs.sum() / ((System.nanoTime() - start) / 1e9)));
        row.put("consistencyP50Micros", AppendBench.round(latency.quantile(0.5) / 1e3, 1));
    }

    /** Full tiles and Rekor v1 entries (entry + fresh SET + inclusion proof) from a server over this log. */
    private static void http(Path dataDir, int size, Settings s, Map<String, Object> row) throws Exception {
        ConfigOverrides port0 = new ConfigOverrides(Optional.empty(), Optional.of(0), Optional.empty(),
                Optional.empty(), false);
        try (HallmarkServer server = HallmarkServer.builder(dataDir).overrides(port0).accessLog(line -> { }).start();
                HttpClient client = HttpLoad.client()) {
            String log = server.urls().log().toString();
            HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create(log + "/api/v1/log")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (new ObjectMapper().readTree(info.body()).path("treeSize").asLong() != size) {
                throw new IllegalStateException("the server does not serve the filled log: " + info.body());
            }
            Duration warm = Duration.ofSeconds(1);
            long fullTiles = size / 256;
            if (fullTiles > 0) {
                Map<String, Object> tiles = HttpLoad.random(client, "GET /log/tile/0/N", r -> get(log + "/"
                        + TilePath.tilePath(0, r.nextLong(fullTiles), 256)), s.httpClients(), warm, s.readDuration());
                row.put("httpTilePerSecond", tiles.get("perSecond"));
                row.put("httpTileP50Millis", tiles.get("p50Millis"));
                row.put("httpTileErrors", tiles.get("errors"));
            }
            Map<String, Object> entries = HttpLoad.random(client, "GET /log/api/v1/log/entries?logIndex=N",
                    r -> get(log + "/api/v1/log/entries?logIndex=" + r.nextLong(size)), s.httpClients(), warm,
                    s.readDuration());
            row.put("httpEntryPerSecond", entries.get("perSecond"));
            row.put("httpEntryP50Millis", entries.get("p50Millis"));
            row.put("httpEntryErrors", entries.get("errors"));
        }
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).GET().build();
    }

    /** Durable appends from n on: 64 (by default) closed-loop submitters, warm-up then the measured window. */
    private static void appends(LogEngine engine, CountingStorage storage, Options o, Map<String, Object> row)
            throws Exception {
        row.put("appendFromSize", engine.latestCheckpoint().size());
        Submitters subs = Submitters.start(engine, o.submitters().getFirst(), o.bodyBytes());
        Thread.sleep(o.warmup());
        CountingStorage.Counts before = storage.counts();
        storage.resetMaxima();
        long start = subs.measure();
        Thread.sleep(o.duration());
        long end = subs.stop();
        CountingStorage.Counts c = storage.counts().minus(before);
        double seconds = (end - start) / 1e9;
        row.put("appendSubmitters", o.submitters().getFirst());
        row.put("appendPerSecond", Math.round(subs.acks.sum() / seconds));
        row.put("appendP50Millis", AppendBench.millis(subs.latency.quantile(0.5)));
        row.put("appendP99Millis", AppendBench.millis(subs.latency.quantile(0.99)));
        row.put("appendFailures", subs.failures.sum() + subs.overloaded.sum());
        row.put("meanBatch", c.commits() == 0 ? 0 : AppendBench.round((double) c.entries() / c.commits(), 1));
        row.put("meanCommitMillis", c.commits() == 0 ? 0 : AppendBench.round(c.commitNanos() / 1e6 / c.commits(), 2));
        row.put("publications", c.publications());
        row.put("meanPublishMillis", c.publications() == 0 ? 0
                : AppendBench.round(c.publishNanos() / 1e6 / c.publications(), 2));
        row.put("maxPublishMillis", AppendBench.millis(storage.maxPublishNanos.get()));
        row.put("appendToSize", engine.latestCheckpoint().size());
    }

    /** Bytes of each table of the schema the log lives in, with its indexes and TOAST. */
    private static Map<String, Long> postgresBytes(String pgUrl, String schema) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(pgUrl);
                PreparedStatement ps = c.prepareStatement("SELECT c.relname, pg_total_relation_size(c.oid) AS bytes"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY bytes DESC")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
