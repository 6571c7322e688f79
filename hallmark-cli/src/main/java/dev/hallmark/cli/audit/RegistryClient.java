package dev.hallmark.cli.audit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * GETs from registries: at most {@code concurrency} requests in flight, a connect timeout and one deadline per
 * exchange, and a size limit per response read while streaming, so a hostile registry cannot exhaust memory or hang the audit.
 * Responses that several packages share (keys, packuments) are fetched once.
 *
 * <p>HTTP/1.1 from the start, over kept-alive connections: registries speak it, and asking a cleartext registry for
 * an h2c upgrade only adds headers to refuse. The client's own asynchronous work runs on virtual threads rather than
 * a pool of platform threads that an audit of thousands of packages would keep growing and tearing down.
 */
public final class RegistryClient {
    private final HttpClient http;
    private final Semaphore slots;
    private final Duration timeout;
    private final ConcurrentHashMap<String, FutureTask<?>> memo = new ConcurrentHashMap<>();

    public RegistryClient(int concurrency, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.slots = new Semaphore(concurrency);
        this.timeout = timeout;
    }

    /** A failed fetch: not found, another status, too large, or an I/O error. */
    public static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean notFound;

        FetchException(String message, boolean notFound) {
            super(message, null, false, false);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    /** The body of a 200 response, or empty on 404. */
    public Optional<byte[]> get(URI uri, int maxBytes) throws FetchException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("accept", "application/json").GET().build();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", false);
        }
        // One deadline for the whole exchange, headers and body: a server that stalls or trickles is cut off.
        Deadline deadline = new Deadline(timeout);
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new FetchException("GET " + uri + " answered HTTP " + response.statusCode(), false);
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new FetchException("GET " + uri + ": response is larger than " + maxBytes + " bytes", false);
                }
                return Optional.of(bytes);
            }
        } catch (IOException e) {
            throw new FetchException("GET " + uri + (deadline.expired() ? " took longer than " + timeout.toSeconds() + " s"
                    : " failed: " + e.getMessage()), false);
        } catch (InterruptedException e) {
            if (deadline.expired()) {
                throw new FetchException("GET " + uri + " took longer than " + timeout.toSeconds() + " s", false);
            }
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", false);
        } finally {
            deadline.stop();
            slots.release();
        }
    }

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "audit-deadline");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true); // nearly every deadline is cancelled; none should linger in the queue
        return w;
    }

    /**
     * Interrupts the thread of one exchange when it outlives the timeout: a blocked {@code send} then cancels the
     * request, a blocked body read fails. It replaces the client's per-request timeout, which ends at the response
     * headers (a trickling body needed a second deadline) and whose timer the client registers and cancels with its
     * selector thread for every request. The lock makes sure an interrupt is delivered only while the exchange runs, and
     * that one delivered as it ended is cleared, so it never reaches the thread's next task.
     */
    private static final class Deadline {
        private final Thread thread = Thread.currentThread();
        private final ReentrantLock lock = new ReentrantLock();
        private final ScheduledFuture<?> alarm;
        private boolean running = true;
        private volatile boolean expired;

        Deadline(Duration timeout) {
            alarm = WATCHDOG.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void expire() {
            lock.lock();
            try {
                if (running) {
                    running = false;
                    expired = true;
                    thread.interrupt();
                }
            } finally {
                lock.unlock();
            }
        }

        boolean expired() {
            return expired;
        }

        void stop() {
            alarm.cancel(false);
            lock.lock();
            try {
                if (!running) {
                    Thread.interrupted(); // the deadline's interrupt, delivered under this lock: clear it
                }
                running = false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** {@code compute(key)} once per key, shared by every caller; a failure is shared too. */
    @SuppressWarnings("unchecked")
    public <T> T once(String key, Function<String, T> compute) throws FetchException {
        FutureTask<T> task = new FutureTask<>(() -> compute.apply(key));
        FutureTask<T> existing = (FutureTask<T>) memo.putIfAbsent(key, task);
        if (existing == null) {
            task.run();
            existing = task;
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchFailure f) {
                throw f.failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Carries a {@link FetchException} out of a memoised computation. */
    public static final class FetchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient FetchException failure;

        public FetchFailure(FetchException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
