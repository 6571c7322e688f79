package dev.hallmark.bench.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the server process every few seconds from outside: alive, heap used and committed ({@code jcmd
 * GC.heap_info}), resident set size. The maximum used heap against {@code -Xmx} and the retained heap after the load
 * (see {@link ServerProcess#retainedHeapMiB}) are what "memory stays bounded" is judged by.
 */
final class HeapSampler implements AutoCloseable {
    private final ServerProcess server;
    private final long startNanos = System.nanoTime();
    private final List<Map<String, Object>> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile boolean died;

    HeapSampler(ServerProcess server, long everyMillis) {
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (!stop) {
                sample();
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void sample() {
        boolean alive = server.alive();
        died |= !alive;
        long[] heap = alive ? server.heapMiB() : new long[] {-1, -1};
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("t", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
        s.put("alive", alive);
        s.put("heapUsedMiB", heap[0]);
        s.put("heapCommittedMiB", heap[1]);
        s.put("rssMiB", alive ? server.rssMiB() : -1);
        synchronized (samples) {
            samples.add(s);
        }
    }

    boolean died() {
        return died || !server.alive();
    }

    long maxUsedMiB() {
        synchronized (samples) {
            return samples.stream().mapToLong(s -> (Long) s.get("heapUsedMiB")).max().orElse(-1);
        }
    }

    long maxRssMiB() {
        synchronized (samples) {
            return samples.stream().mapToLong(s -> (Long) s.get("rssMiB")).max().orElse(-1);
        }
    }

    List<Map<String, Object>> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join();
    }
}
