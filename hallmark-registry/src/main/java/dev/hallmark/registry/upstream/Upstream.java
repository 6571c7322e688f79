package dev.hallmark.registry.upstream;

import static dev.hallmark.registry.upstream.UpstreamException.Reason.BAD_STATUS;
import static dev.hallmark.registry.upstream.UpstreamException.Reason.TIMEOUT;
import static dev.hallmark.registry.upstream.UpstreamException.Reason.TOO_LARGE;
import static dev.hallmark.registry.upstream.UpstreamException.Reason.UNREACHABLE;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.registry.pkg.PackageName;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upstream registry over {@code java.net.http}, read-only: {@code GET /<name>} for packuments (npm.md §2) and
 * tarball downloads. Every request goes under the configured base URL and nowhere else: names are escaped as npm
 * escapes them ({@code @scope%2fname}, from a validated {@link PackageName}, so no path tricks), tarball URLs the
 * upstream advertises are used only when they are under the base, and redirects are followed (at most 3) only when
 * they stay under it. One deadline covers each whole exchange including the body, and bodies larger than the
 * configured limits are refused while streaming, before they are held.
 */
public final class Upstream implements AutoCloseable {
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ETAG_LENGTH = 1024;

    private final UpstreamOptions options;
    private final HttpClient client;

    /** What the upstream said about a packument. */
    public sealed interface PackumentAnswer permits Fetched, NotModified, Missing {
    }

    /** 200: the document and the upstream's ETag for it. */
    public record Fetched(Bytes body, Optional<String> etag) implements PackumentAnswer {
        public Fetched {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /** 304 to our If-None-Match: the cached document is still current. */
    public record NotModified() implements PackumentAnswer {
    }

    /** 404: the upstream has no such package. */
    public record Missing() implements PackumentAnswer {
    }

    public Upstream(UpstreamOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, and only under the base URL
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public UpstreamOptions options() {
        return options;
    }

    /**
     * The full packument ({@code Accept: application/json}: it carries {@code time}, which the abbreviated one lacks,
     * and every abbreviated document is derived from it), revalidated with If-None-Match when an ETag is given.
     */
    public PackumentAnswer packument(PackageName name, Optional<String> etag) throws UpstreamException {
        HttpResponse<byte[]> response = get(URI.create(options.url() + "/" + name.escaped()), "application/json",
                etag, options.maxPackumentBytes());
        return switch (response.statusCode()) {
            case 200 -> new Fetched(Bytes.of(response.body()), response.headers().firstValue("ETag")
                    .filter(Upstream::usableEtag));
            case 304 -> {
                if (etag.isEmpty()) {
                    throw new UpstreamException(BAD_STATUS, "the upstream answered 304 to an unconditional request");
                }
                yield new NotModified();
            }
            case 404 -> new Missing();
            default -> throw new UpstreamException(BAD_STATUS, "the upstream answered HTTP " + response.statusCode());
        };
    }

    /** A tarball's bytes, unchecked (the caller verifies them against dist); empty on a 404. */
    public Optional<Bytes> tarball(URI source) throws UpstreamException {
        if (!isUnder(options.url(), source)) {
            throw new UpstreamException(BAD_STATUS, "tarball URL outside the upstream base URL");
        }
        HttpResponse<byte[]> response = get(source, "application/octet-stream", Optional.empty(),
                options.maxTarballBytes());
        return switch (response.statusCode()) {
            case 200 -> Optional.of(Bytes.of(response.body()));
            case 404 -> Optional.empty();
            default -> throw new UpstreamException(BAD_STATUS, "the upstream answered HTTP " + response.statusCode()
                    + " for a tarball");
        };
    }

    /**
     * Whether {@code uri} is on the base URL's scheme, host and port, under its path, with no user info, query,
     * fragment or dot segments (escaped ones included, which a server might decode into a traversal).
     */
    static boolean isUnder(URI base, URI uri) {
        if (uri.isOpaque() || uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !base.getScheme().equalsIgnoreCase(uri.getScheme())
                || !base.getHost().equalsIgnoreCase(uri.getHost()) || port(base) != port(uri)) {
            return false;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || (path + "/").contains("/./") || (path + "/").contains("/../")) {
            return false;
        }
        return path.startsWith(basePath + "/");
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    private HttpResponse<byte[]> get(URI first, String accept, Optional<String> etag, long maxBytes)
            throws UpstreamException {
        URI target = first;
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = send(target, accept, etag, maxBytes);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new UpstreamException(BAD_STATUS, "the upstream redirected more than " + MAX_REDIRECTS + " times");
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new UpstreamException(BAD_STATUS, "the upstream redirected without Location"));
            try {
                target = target.resolve(new URI(location));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UpstreamException(BAD_STATUS, "the upstream redirected to a malformed URL");
            }
            if (!isUnder(options.url(), target)) {
                throw new UpstreamException(BAD_STATUS, "the upstream redirected outside its base URL");
            }
        }
    }

    private HttpResponse<byte[]> send(URI target, String accept, Optional<String> etag, long maxBytes)
            throws UpstreamException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(options.timeout()).GET()
                .header("Accept", accept)
                .header("User-Agent", "hallmark-registry (upstream proxy)");
        etag.ifPresent(e -> request.header("If-None-Match", e));
        options.token().ifPresent(t -> request.header("Authorization", t.authorization()));
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(), info ->
                info.statusCode() == 200 ? new CappedBody(maxBytes, info.headers().firstValueAsLong("Content-Length"))
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            // the deadline covers the body too: an upstream that trickles bytes cannot hold a request thread
            return exchange.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(UNREACHABLE, "interrupted while reading from the upstream");
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new UpstreamException(TIMEOUT, "the upstream did not answer within " + options.timeout().toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CappedBody.TooLarge) {
                throw new UpstreamException(TOO_LARGE, "the upstream's answer is larger than " + maxBytes + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw new UpstreamException(TIMEOUT, "the upstream did not answer in time");
            }
            throw new UpstreamException(UNREACHABLE, "the upstream is unreachable ("
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
        }
    }

    private static boolean usableEtag(String etag) {
        return etag.length() <= MAX_ETAG_LENGTH && etag.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
