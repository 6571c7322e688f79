package dev.hallmark.server.jetty;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.server.http.ErrorMapper;
import dev.hallmark.server.http.HttpError;
import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Adapts Jetty's core API to {@link Router} and the plain {@code Request}/{@code Response} records. It is a blocking
 * handler: Jetty runs it on a virtual thread, so routes may block on storage without tying up a platform thread.
 * Order per request: route lookup (404/405 without reading the body), bounded body read (413; 503 past the
 * {@link BodyMemoryBudget}; 408 when it arrives too slowly, {@link BodyReadDeadline}), admission (503 past the
 * concurrency limit), the route, then error mapping, the response write, metrics and the access log line.
 *
 * <p>Admission comes after the body is read and lasts until the response is written. Taken before the body, a permit
 * could be held by a client trickling its body (256 such clients refused every other request); released before the
 * write, it bounded nothing about responses still being written to slow readers, each holding its body in memory
 * (1,024 readers of a 750 KB packument exhausted a 256 MiB heap). Bodies are written without a copy.
 */
final class RequestHandler extends Handler.Abstract {
    private static final Duration OVERLOAD_RETRY = Duration.ofSeconds(1);
    private final Router router;
    private final long maxBodyBytes;
    private final Semaphore permits;
    private final BodyMemoryBudget bodyMemory;
    private final BodyReadDeadline bodyDeadline;
    private final HttpMetrics metrics;
    private final Consumer<String> accessLog;

    RequestHandler(Router router, HostOptions options, BodyReadDeadline bodyDeadline) {
        this.router = router;
        this.maxBodyBytes = options.maxBodyBytes();
        this.permits = new Semaphore(options.maxConcurrentRequests());
        this.bodyMemory = new BodyMemoryBudget(options.bodyMemoryBytes());
        this.bodyDeadline = bodyDeadline;
        this.metrics = options.metrics();
        this.accessLog = options.accessLog();
    }

    /** What one request holds until its response is written: body bytes reserved, an admission permit. */
    private static final class Held {
        long bodyBytes;
        boolean permit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String group = "none";
        Held held = new Held();
        dev.hallmark.server.http.Response out;
        try {
            String path = Request.getPathInContext(request);
            switch (router.find(request.getMethod(), path)) {
                case Router.Found found -> {
                    group = found.group();
                    if (permits.availablePermits() == 0) {
                        throw HttpError.unavailable(OVERLOAD_RETRY); // refuse before reading a body for nothing
                    }
                    Bytes body = readBody(request, held);
                    if (!permits.tryAcquire()) {
                        throw HttpError.unavailable(OVERLOAD_RETRY);
                    }
                    held.permit = true;
                    out = found.endpoint().route().handle(toRecord(request, path, body).withPathParams(found.pathParams()));
                }
                case Router.MethodNotAllowed m -> {
                    group = m.group();
                    out = dev.hallmark.server.http.Response.error(405, "method not allowed")
                            .withHeader("allow", String.join(", ", m.allowed()));
                }
                case Router.NotFound n -> out = dev.hallmark.server.http.Response.error(404, "not found");
            }
        } catch (Throwable t) {
            out = ErrorMapper.toResponse(t);
        }
        write(out, response, complete(request, group, out, start, held, callback));
        return true;
    }

    private Callback complete(Request request, String group, dev.hallmark.server.http.Response out, long start,
            Held held, Callback callback) {
        Runnable record = () -> {
            if (held.permit) {
                permits.release();
            }
            bodyMemory.release(held.bodyBytes);
            long nanos = System.nanoTime() - start;
            metrics.record(group, out.status(), nanos);
            accessLog.accept(AccessLog.line(request.getMethod(), request.getHttpURI().getPath(), group, out.status(),
                    out.body().length(), nanos, Request.getRemoteAddr(request)));
        };
        return Callback.from(() -> {
            record.run();
            callback.succeeded();
        }, failure -> {
            record.run();
            callback.failed(failure);
        });
    }

    private static void write(dev.hallmark.server.http.Response out, Response response, Callback callback) {
        response.setStatus(out.status());
        out.headers().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
        out.contentType().ifPresent(type -> response.getHeaders().put(HttpHeader.CONTENT_TYPE, type));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.body().length());
        response.write(true, out.body().asReadOnlyBuffer(), callback);
    }

    private dev.hallmark.server.http.Request toRecord(Request request, String path, Bytes body) throws HttpError {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        try {
            for (Fields.Field field : Request.extractQueryParameters(request)) {
                query.put(field.getName(), field.getValues());
            }
        } catch (RuntimeException e) {
            throw HttpError.badRequest("malformed query string");
        }
        return dev.hallmark.server.http.Request.of(request.getMethod(), path, query, headers, body)
                .withRemoteAddress(Request.getRemoteAddr(request));
    }

    /**
     * Reads the body, counting bytes as they arrive: Content-Length only lets us refuse early, the count is what
     * enforces the limit (chunked bodies have no length, and a declared one is the client's claim). Past the limit
     * the rest is read and discarded, up to twice the limit, so that an honest client still sending its body
     * receives the 413 instead of a reset connection; anything larger is refused at once and the connection closed.
     * Kept bytes are reserved in {@link BodyMemoryBudget} as they arrive (503 when it is spent), and the whole read
     * is under a {@link BodyReadDeadline} (408).
     */
    private Bytes readBody(Request request, Held held) throws HttpError {
        long drainLimit = maxBodyBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxBodyBytes;
        long declared = request.getLength();
        if (declared > drainLimit) {
            throw HttpError.payloadTooLarge();
        }
        if (declared == 0) {
            return Bytes.EMPTY;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(declared > 0 && declared <= maxBodyBytes
                ? (int) Math.min(declared, 64 * 1024) : 256);
        byte[] chunk = new byte[16 * 1024];
        long total = 0;
        try (BodyReadDeadline.Watch watch = bodyDeadline.watch(request);
             InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while (true) {
                try {
                    n = in.read(chunk);
                } catch (IOException | RuntimeException e) {
                    throw watch.expired() ? new HttpError(408, "request body arrived too slowly", Optional.empty())
                            : HttpError.badRequest("malformed or interrupted request body");
                }
                if (n == -1) {
                    break;
                }
                watch.received(n);
                total += n;
                if (total > drainLimit) {
                    break;
                }
                if (total <= maxBodyBytes) {
                    if (!bodyMemory.tryReserve(n)) {
                        throw HttpError.unavailable(OVERLOAD_RETRY);
                    }
                    held.bodyBytes += n;
                    buffer.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            throw HttpError.badRequest("malformed or interrupted request body");
        }
        if (total > maxBodyBytes) {
            throw HttpError.payloadTooLarge();
        }
        return Bytes.of(buffer.toByteArray());
    }
}
