package dev.hallmark.bench.reliability;

import dev.hallmark.bench.log.LatencyHistogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one load phase observed, from the client's side: answers by status, whether every refusal (429/503) said when
 * to come back (Retry-After), server errors other than 503 and transport failures (with a few samples each), answers
 * that leak a stack trace, latency of the accepted requests and of the refusals, and a per-second timeline. Latency
 * is measured from the request's intended start (open loop) so queueing in the client is not hidden.
 */
final class PhaseStats {
    private static final int SAMPLES = 5;
    private final long startNanos;
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder refusalsWithoutRetryAfter = new LongAdder();
    private final LongAdder stackTraces = new LongAdder();
    private final LongAdder transportErrors = new LongAdder();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    private final LatencyHistogram accepted = new LatencyHistogram();
    private final LatencyHistogram refused = new LatencyHistogram();
    private final LatencyHistogram acceptedService = new LatencyHistogram();
    private final LatencyHistogram refusedService = new LatencyHistogram();
    private final AtomicLongArray acceptedPerSecond = new AtomicLongArray(3600);
    private final AtomicLongArray refusedPerSecond = new AtomicLongArray(3600);
    private final AtomicLongArray otherPerSecond = new AtomicLongArray(3600);

    PhaseStats(long startNanos) {
        this.startNanos = startNanos;
    }

    /**
     * @param intendedNanos when the request was due (open loop) or sent (closed loop): latency counts from here
     * @param sentNanos when it was written: the service time, what the server (and the network) took, counts from here
     */
    void answered(RawHttp.Reply reply, long intendedNanos, long sentNanos, long doneNanos) {
        int status = reply.status();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        int second = (int) Math.min(3599, Math.max(0, (doneNanos - startNanos) / 1_000_000_000L));
        long latency = doneNanos - intendedNanos;
        String text = reply.text();
        if (text.contains("Exception") || text.contains("\tat ") || text.contains("at java.")) {
            stackTraces.increment();
            sample("stack trace in a " + status + " answer: " + clip(text));
        }
        if (status >= 200 && status < 300) {
            accepted.record(latency);
            acceptedService.record(doneNanos - sentNanos);
            acceptedPerSecond.incrementAndGet(second);
        } else if (status == 429 || status == 503) {
            refused.record(latency);
            refusedService.record(doneNanos - sentNanos);
            refusedPerSecond.incrementAndGet(second);
            if (reply.retryAfter().isEmpty()) {
                refusalsWithoutRetryAfter.increment();
                sample(status + " without Retry-After: " + clip(text));
            }
        } else {
            otherPerSecond.incrementAndGet(second);
            if (status >= 500) {
                sample("HTTP " + status + ": " + clip(text));
            }
        }
    }

    void failed(Exception e, long doneNanos) {
        transportErrors.increment();
        int second = (int) Math.min(3599, Math.max(0, (doneNanos - startNanos) / 1_000_000_000L));
        otherPerSecond.incrementAndGet(second);
        sample("transport: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void sample(String s) {
        if (samples.size() < SAMPLES) {
            samples.add(s);
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    long count(int status) {
        LongAdder a = byStatus.get(status);
        return a == null ? 0 : a.sum();
    }

    long accepted() {
        return accepted.count();
    }

    long refused() {
        return refused.count();
    }

    long serverErrorsOtherThan503() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    long refusalsWithoutRetryAfter() {
        return refusalsWithoutRetryAfter.sum();
    }

    long stackTraces() {
        return stackTraces.sum();
    }

    long transportErrors() {
        return transportErrors.sum();
    }

    double acceptedServiceP(double q) {
        return acceptedService.quantile(q) / 1e6;
    }

    double refusedServiceP(double q) {
        return refusedService.quantile(q) / 1e6;
    }

    double acceptedP(double q) {
        return accepted.quantile(q) / 1e6;
    }

    /** JSON-ready summary; {@code seconds} is the measured window, for rates. */
    Map<String, Object> summary(double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        byStatus.forEach((k, v) -> statuses.put(Integer.toString(k), v.sum()));
        m.put("statuses", statuses);
        m.put("acceptedPerSecond", Math.round(accepted.count() / seconds));
        m.put("refusedPerSecond", Math.round(refused.count() / seconds));
        m.put("acceptedLatencyMs", Map.of("p50", round(accepted.quantile(0.5) / 1e6), "p99",
                round(accepted.quantile(0.99) / 1e6), "max", round(accepted.max() / 1e6)));
        m.put("refusedLatencyMs", Map.of("p50", round(refused.quantile(0.5) / 1e6), "p99",
                round(refused.quantile(0.99) / 1e6), "max", round(refused.max() / 1e6)));
        m.put("acceptedServiceTimeMs", Map.of("p50", round(acceptedService.quantile(0.5) / 1e6), "p99",
                round(acceptedService.quantile(0.99) / 1e6), "max", round(acceptedService.max() / 1e6)));
        m.put("refusedServiceTimeMs", Map.of("p50", round(refusedService.quantile(0.5) / 1e6), "p99",
                round(refusedService.quantile(0.99) / 1e6), "max", round(refusedService.max() / 1e6)));
        m.put("refusalsWithoutRetryAfter", refusalsWithoutRetryAfter.sum());
        m.put("serverErrorsOtherThan503", serverErrorsOtherThan503());
        m.put("stackTracesInAnswers", stackTraces.sum());
        m.put("transportErrors", transportErrors.sum());
        m.put("samples", List.copyOf(samples));
        return m;
    }

    /** Accepted / refused / other per second, for the first {@code seconds} seconds. */
    List<long[]> timeline(int seconds) {
        List<long[]> t = new ArrayList<>();
        for (int s = 0; s < Math.min(seconds, 3600); s++) {
            t.add(new long[] {acceptedPerSecond.get(s), refusedPerSecond.get(s), otherPerSecond.get(s)});
        }
        return t;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
