package dev.hallmark.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.bench.log.LatencyHistogram;
import dev.hallmark.bench.scale.NpmFixture;
import dev.hallmark.bench.scale.RegistryClient;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sustained mixed traffic at fixed rates (an open loop: requests go out on schedule whether or not earlier ones have
 * answered, as independent clients would send them, so the server sees a steady load rather than its saturation):
 * Rekor v1 hashedrekord appends (a distinct signed artifact each), packument GETs (full and abbreviated), tarball GETs,
 * Rekor entry GETs by index, and an {@code npm publish}-equivalent PUT every few seconds. At most
 * {@value #MAX_IN_FLIGHT} requests are outstanding; a request that would exceed that is counted as skipped.
 */
final class SoakTraffic implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 256;
    private static final Duration TICK = Duration.ofMillis(20);

    enum Kind { APPEND, PACKUMENT, TARBALL, LOG_READ, PUBLISH }

    /** Requests per second of each kind, and the publish interval. */
    record Rates(double appends, double packuments, double tarballs, double logReads, Duration publishEvery) {
        double of(Kind k) {
            return switch (k) {
                case APPEND -> appends;
                case PACKUMENT -> packuments;
                case TARBALL -> tarballs;
                case LOG_READ -> logReads;
                case PUBLISH -> 0;
            };
        }
    }

    /** Outcomes of one kind of request. */
    static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
        final AtomicReference<String> lastError = new AtomicReference<>();
    }

    private final HttpClient http;
    private final RegistryClient npm;
    private final String logUrl;
    private final String token;
    private final int packages;
    private final Rates rates;
    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final String pem;
    private final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final double[] credit = new double[Kind.values().length];
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong treeSize = new AtomicLong(1);
    private final AtomicReference<String> someDigest = new AtomicReference<>();
    private final AtomicReferenceArray<Integer> versions;
    private final AtomicInteger publishCursor = new AtomicInteger();
    private final AtomicBoolean publishing = new AtomicBoolean();

    private SoakTraffic(HttpClient http, String registryUrl, String logUrl, String token, int packages, Rates rates) {
        this.http = http;
        this.npm = new RegistryClient(http, registryUrl);
        this.logUrl = logUrl;
        this.token = token;
        this.packages = packages;
        this.rates = rates;
        this.pem = Base64.getEncoder()
                .encodeToString(Keys.toPem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
        this.versions = new AtomicReferenceArray<>(packages);
        for (Kind k : Kind.values()) {
            tallies.put(k, new Tally());
        }
    }

    /** Signs up, publishes {@code packages} packages (1.0.0 each), then starts the traffic. */
    static SoakTraffic start(HttpClient http, String serverUrl, int packages, Rates rates) throws Exception {
        RegistryClient npm = new RegistryClient(http, serverUrl);
        String token = npm.signUp();
        for (int i = 0; i < packages; i++) {
            publish(npm, token, i, 0);
        }
        SoakTraffic t = new SoakTraffic(http, serverUrl, serverUrl + "/log", token, packages, rates);
        for (int i = 0; i < packages; i++) {
            t.versions.set(i, 1);
        }
        t.ticker.scheduleAtFixedRate(t::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        t.ticker.scheduleAtFixedRate(t::publishNext, rates.publishEvery().toMillis(), rates.publishEvery().toMillis(),
                TimeUnit.MILLISECONDS);
        return t;
    }

    private static long publish(RegistryClient npm, String token, int i, int k) throws Exception {
        String name = name(i);
        ObjectNode json = NpmFixture.packageJson(name, NpmFixture.version(k), i);
        NpmFixture.Tarball t = NpmFixture.tarball(json);
        return npm.publish(token, name, NpmFixture.publishBody(NpmFixture.versionDocument(json, t, npm.url()), t));
    }

    private static String name(int i) {
        return "soak-pkg-" + i;
    }

    Map<Kind, Tally> tallies() {
        return tallies;
    }

    /** Log entries acknowledged so far (appends answered 201). */
    long appended() {
        return appended.get();
    }

    /** An artifact digest some append logged ({@code sha256:<hex>}), for an index search. */
    String someDigest() {
        return someDigest.get();
    }

    private void tick() {
        double seconds = TICK.toMillis() / 1000.0;
        for (Kind k : Kind.values()) {
            credit[k.ordinal()] += rates.of(k) * seconds;
            while (credit[k.ordinal()] >= 1) {
                credit[k.ordinal()] -= 1;
                dispatch(k);
            }
        }
    }

    private void publishNext() {
        if (!publishing.compareAndSet(false, true)) {
            tallies.get(Kind.PUBLISH).skipped.increment(); // the previous one is still running
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                int i = publishCursor.getAndIncrement() % packages;
                int k = versions.get(i);
                long nanos = publish(npm, token, i, k);
                versions.set(i, k + 1);
                record(Kind.PUBLISH, true, nanos, null);
            } catch (Exception e) {
                record(Kind.PUBLISH, false, 0, e.getMessage());
            } finally {
                publishing.set(false);
            }
        });
    }

    private void dispatch(Kind k) {
        if (!inFlight.tryAcquire()) {
            tallies.get(k).skipped.increment();
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                send(k);
            } finally {
                inFlight.release();
            }
        });
    }

    private void send(Kind k) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        HttpRequest request = switch (k) {
            case APPEND -> appendRequest(r);
            case PACKUMENT -> npm.packumentRequest(name(r.nextInt(packages)), r.nextBoolean());
            case TARBALL -> npm.tarballRequest(name(r.nextInt(packages)), NpmFixture.version(0));
            case LOG_READ -> HttpRequest.newBuilder(URI.create(logUrl + "/api/v1/log/entries?logIndex="
                    + r.nextLong(treeSize.get()))).GET().build();
            case PUBLISH -> throw new IllegalStateException("publishes have their own schedule");
        };
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> resp = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - t0;
            int expected = k == Kind.APPEND ? 201 : 200;
            if (resp.statusCode() != expected) {
                record(k, false, took, "HTTP " + resp.statusCode() + " "
                        + new String(resp.body(), 0, Math.min(200, resp.body().length), StandardCharsets.UTF_8));
                return;
            }
            if (k == Kind.APPEND) {
                appended.incrementAndGet();
                JsonNode entry = Json.parse(resp.body(), 1 << 20).elements().next();
                treeSize.accumulateAndGet(entry.path("logIndex").asLong() + 1, Math::max);
            }
            record(k, true, took, null);
        } catch (Exception e) {
            record(k, false, System.nanoTime() - t0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private HttpRequest appendRequest(ThreadLocalRandom r) {
        byte[] artifact = new byte[64];
        r.nextBytes(artifact);
        ByteBuffer.wrap(artifact).putLong(System.nanoTime());
        Digest digest = Digest.sha256(artifact);
        someDigest.compareAndSet(null, digest.toString());
        String body = "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
                + "{\"algorithm\":\"sha256\",\"value\":\"" + digest.hex() + "\"}},\"signature\":{\"content\":\""
                + signer.sign(artifact).base64() + "\",\"publicKey\":{\"content\":\"" + pem + "\"}}}}";
        return HttpRequest.newBuilder(URI.create(logUrl + "/api/v1/log/entries"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void record(Kind k, boolean ok, long nanos, String error) {
        Tally t = tallies.get(k);
        if (ok) {
            t.ok.increment();
            t.latency.record(nanos);
        } else {
            t.errors.increment();
            t.lastError.set(error);
        }
    }

    /** Counts and latencies per kind, for the report. */
    Map<String, Object> summary(double seconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        tallies.forEach((k, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", t.ok.sum());
            m.put("perSecond", Math.round(t.ok.sum() / seconds * 10) / 10.0);
            m.put("errors", t.errors.sum());
            m.put("skipped", t.skipped.sum());
            m.put("p50Millis", Math.round(t.latency.quantile(0.5) / 1e4) / 100.0);
            m.put("p99Millis", Math.round(t.latency.quantile(0.99) / 1e4) / 100.0);
            m.put("maxMillis", Math.round(t.latency.max() / 1e4) / 100.0);
            if (t.lastError.get() != null) {
                m.put("lastError", t.lastError.get());
            }
            out.put(k.name().toLowerCase(java.util.Locale.ROOT), m);
        });
        return out;
    }

    /** Stops sending and waits (at most 30 s) for the requests in flight. */
    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        inFlight.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS);
        for (int i = 0; i < 300 && publishing.get(); i++) {
            Thread.sleep(100);
        }
    }
}
