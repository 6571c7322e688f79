package dev.hallmark.bench;

import dev.hallmark.bench.log.LatencyHistogram;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A closed loop of HTTP GETs on virtual threads ({@code java.net.http}, HTTP/1.1): each client sends its next request
 * when the previous answer has been read. Two shapes: {@link #random} (every client draws requests from its own seeded
 * random source, warm-up then a measured window) and {@link #eachOnce} (a fixed list shared by the clients, every
 * request sent exactly once: first touches, for cold caches). Only 200 answers count as done; everything else is an
 * error. Loopback only; bounded in time.
 */
public final class HttpLoad {
    private HttpLoad() {
    }

    /** An HTTP/1.1 client whose connections are driven by virtual threads. */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code clients} loops over requests from {@code next}, {@code warmup} unrecorded, then {@code duration}. */
    public static Map<String, Object> random(HttpClient client, String what,
            Function<SplittableRandom, HttpRequest> next, int clients, Duration warmup, Duration duration)
            throws InterruptedException {
        Tally tally = new Tally();
        long warm = System.nanoTime() + warmup.toNanos();
        long end = warm + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = 0x5ca1eL * 31 + c;
            workers.add(Thread.ofVirtual().start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (long now = System.nanoTime(); now < end;) {
                    now = tally.send(client, next.apply(random), now, warm);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return tally.result(what, clients, (System.nanoTime() - warm) / 1e9);
    }

    /** Every request once, taken in order by {@code clients} loops; stops early at {@code limit}. */
    public static Map<String, Object> eachOnce(HttpClient client, String what, List<HttpRequest> requests, int clients,
            Duration limit) throws InterruptedException {
        Tally tally = new Tally();
        AtomicInteger cursor = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(Thread.ofVirtual().start(() -> {
                for (long now = System.nanoTime(); now < end;) {
                    int i = cursor.getAndIncrement();
                    if (i >= requests.size()) {
                        return;
                    }
                    now = tally.send(client, requests.get(i), now, start);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        Map<String, Object> r = tally.result(what, clients, (System.nanoTime() - start) / 1e9);
        r.put("distinctRequests", requests.size());
        return r;
    }

    /** Counts and latencies of the answers received at or after {@code recordFrom}. */
    private static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();

        long send(HttpClient client, HttpRequest request, long sentAt, long recordFrom) {
            boolean good;
            int length = 0;
            try {
                HttpResponse<byte[]> resp = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                good = resp.statusCode() == 200;
                length = resp.body().length;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                good = false;
            } catch (Exception e) {
                good = false;
            }
            long after = System.nanoTime();
            if (sentAt >= recordFrom) {
                (good ? ok : errors).increment();
                bytes.add(length);
                latency.record(after - sentAt);
            }
            return after;
        }

        Map<String, Object> result(String what, int clients, double seconds) {
            Map<String, Object> r = new LinkedHashMap<>();
            long n = ok.sum() + errors.sum();
            r.put("path", what);
            r.put("clients", clients);
            r.put("requests", n);
            r.put("errors", errors.sum());
            r.put("seconds", Math.round(seconds * 100) / 100.0);
            r.put("perSecond", seconds <= 0 ? 0 : Math.round(ok.sum() / seconds));
            r.put("meanBytes", n == 0 ? 0 : bytes.sum() / n);
            r.put("p50Millis", millis(latency.quantile(0.5)));
            r.put("p99Millis", millis(latency.quantile(0.99)));
            return r;
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
