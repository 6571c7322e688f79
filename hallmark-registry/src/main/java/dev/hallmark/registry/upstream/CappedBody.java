package dev.hallmark.registry.upstream;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit, refusing it as soon as it is known to be larger: at once when the
 * {@code Content-Length} says so, otherwise when the bytes received pass the limit (the stream is then cancelled, so
 * an endless body costs no more than the limit).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body exceeded the limit; told apart from I/O failures by its type. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out;
    private final long limit;
    private final boolean declaredTooLarge;
    private Flow.Subscription subscription;

    CappedBody(long limit, OptionalLong contentLength) {
        this.limit = limit;
        this.declaredTooLarge = contentLength.isPresent() && contentLength.getAsLong() > limit;
        // preallocate what is announced (within the limit) so a large body is not copied while it grows
        int initial = contentLength.isPresent() && !declaredTooLarge && contentLength.getAsLong() >= 0
                ? (int) Math.min(contentLength.getAsLong(), 64L * 1024 * 1024) : 8192;
        this.out = new ByteArrayOutputStream(Math.max(initial, 32));
    }

    @Override
    public CompletableFuture<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredTooLarge) {
            s.cancel();
            result.completeExceptionally(new TooLarge());
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (result.isDone()) {
                return;
            }
            if (out.size() + (long) item.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }
}
