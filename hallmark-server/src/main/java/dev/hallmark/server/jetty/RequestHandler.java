package dev.hallmark.server.jetty;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.server.http.ErrorMapper;
import dev.hallmark.server.http.HttpError;
import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Order per request: admission (503 past the concurrency limit), route lookup (404/405 without reading the body),
 * bounded body read (413), the route, then error mapping, metrics and the access log line.
 */
final class RequestHandler extends Handler.Abstract {
    private static final Duration OVERLOAD_RETRY = Duration.ofSeconds(1);
    private final Router router;
    private final long maxBodyBytes;
    private final Semaphore permits;
    private final HttpMetrics metrics;
    private final Consumer<String> accessLog;

    RequestHandler(Router router, HostOptions options) {
        this.router = router;
        this.maxBodyBytes = options.maxBodyBytes();
        this.permits = new Semaphore(options.maxConcurrentRequests());
        this.metrics = options.metrics();
        this.accessLog = options.accessLog();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String group = "none";
        dev.hallmark.server.http.Response out;
        if (!permits.tryAcquire()) {
            out = ErrorMapper.toResponse(HttpError.unavailable(OVERLOAD_RETRY));
        } else {
            try {
                String path = Request.getPathInContext(request);
                switch (router.find(request.getMethod(), path)) {
                    case Router.Found found -> {
                        group = found.group();
                        out = found.endpoint().route().handle(toRecord(request, path).withPathParams(found.pathParams()));
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
            } finally {
                permits.release();
            }
        }
        write(out, response, complete(request, group, out, start, callback));
        return true;
    }

    private Callback complete(Request request, String group, dev.hallmark.server.http.Response out, long start, Callback callback) {
        Runnable record = () -> {
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
        response.write(true, ByteBuffer.wrap(out.body().toArray()), callback);
    }

    private dev.hallmark.server.http.Request toRecord(Request request, String path) throws HttpError {
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
        return dev.hallmark.server.http.Request.of(request.getMethod(), path, query, headers, readBody(request))
                .withRemoteAddress(Request.getRemoteAddr(request));
    }

    /**
     * Reads the body, counting bytes as they arrive: Content-Length only lets us refuse early, the count is what
     * enforces the limit (chunked bodies have no length, and a declared one is the client's claim). Past the limit
     * the rest is read and discarded, up to twice the limit, so that an honest client still sending its body
     * receives the 413 instead of a reset connection; anything larger is refused at once and the connection closed.
     */
    private Bytes readBody(Request request) throws HttpError {
        long drainLimit = maxBodyBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxBodyBytes;
        long declared = request.getLength();
        if (declared > drainLimit) {
            throw HttpError.payloadTooLarge();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(declared > 0 && declared <= maxBodyBytes ? (int) declared : 256);
        byte[] chunk = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                total += n;
                if (total > drainLimit) {
                    break;
                }
                if (total <= maxBodyBytes) {
                    buffer.write(chunk, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw HttpError.badRequest("malformed or interrupted request body");
        }
        if (total > maxBodyBytes) {
            throw HttpError.payloadTooLarge();
        }
        return Bytes.of(buffer.toByteArray());
    }
}
