package dev.hallmark.server.jetty;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Request;

/**
 * Cuts off request bodies that arrive too slowly (slowloris): a body must be complete within {@code grace} plus one
 * second per {@code minBytesPerSecond} bytes received so far, the rule of Apache's mod_reqtimeout ({@code body=20,
 * MinRate=500} by default there and here). Jetty's idle timeout cannot do this: it restarts with every byte, so a
 * client sending one byte every few seconds would hold its connection, its virtual thread and its buffered bytes
 * forever. A body that falls behind has its read failed ({@link Request#fail}), which the handler answers with 408.
 * One scheduler thread checks every body being read a few times per second of grace.
 */
final class BodyReadDeadline implements AutoCloseable {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);
    static final long DEFAULT_MIN_BYTES_PER_SECOND = 500;

    private final long graceNanos;
    private final long minBytesPerSecond;
    private final long periodNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hallmark-body-deadline").factory());

    BodyReadDeadline(Duration grace, long minBytesPerSecond) {
        if (grace.isNegative() || grace.isZero() || minBytesPerSecond < 1) {
            throw new IllegalArgumentException("grace and minimum rate must be positive");
        }
        this.graceNanos = grace.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.periodNanos = Math.clamp(graceNanos / 4, TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(1));
    }

    /** Starts watching one body read; the caller reports bytes as they arrive and closes the watch when done. */
    Watch watch(Request request) {
        Watch w = new Watch(request);
        w.check = timer.scheduleAtFixedRate(w::check, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return w;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One body being read. {@link #received} is called by the reading thread only. */
    final class Watch implements AutoCloseable {
        private final Request request;
        private final long start = System.nanoTime();
        private volatile long received;
        private volatile boolean expired;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> check;

        private Watch(Request request) {
            this.request = request;
        }

        void received(long bytes) {
            received += bytes;
        }

        /** Whether the deadline passed (the read was failed because of it). */
        boolean expired() {
            return expired;
        }

        private void check() {
            if (closed || expired) {
                cancel();
                return;
            }
            long allowed = graceNanos + received * 1_000_000_000L / minBytesPerSecond;
            if (System.nanoTime() - start > allowed) {
                expired = true;
                request.fail(new TimeoutException("request body arrived too slowly"));
                cancel();
            }
        }

        private void cancel() {
            ScheduledFuture<?> f = check;
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public void close() {
            closed = true;
            cancel();
        }
    }
}
