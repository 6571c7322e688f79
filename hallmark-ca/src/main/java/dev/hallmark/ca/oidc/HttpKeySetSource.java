package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.ISSUER_UNREACHABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OIDC Discovery 1.0 over {@code java.net.http}: {@code <iss>/.well-known/openid-configuration} (§4), whose
 * {@code issuer} must equal the token's {@code iss} (§4.3), then its {@code jwks_uri}. Defensive because the network
 * answers are untrusted: https only (http on loopback for tests and {@code --dev}); the JWKS on the issuer's own
 * origin; redirects followed only within that origin (at most 3); a deadline over each whole exchange including the
 * body; bodies above a size limit refused while streaming.
 */
public final class HttpKeySetSource implements KeySetSource {
    /** Large enough for any real JWKS (GitHub's is ~2 KiB), small enough that an issuer cannot exhaust memory. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REDIRECTS = 3;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    public HttpKeySetSource(Duration timeout, int maxBytes) {
        this.timeout = Objects.requireNonNull(timeout);
        if (timeout.isNegative() || timeout.isZero() || maxBytes < 1) {
            throw new IllegalArgumentException("timeout and size limit must be positive");
        }
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static HttpKeySetSource withDefaults() {
        return new HttpKeySetSource(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    @Override
    public String fetchKeySet(String issuer) throws TokenException {
        if (!IssuerPattern.isAllowedTransport(issuer)) {
            throw new TokenException(ISSUER_UNREACHABLE, "issuer is not an https URL");
        }
        URI origin = URI.create(issuer);
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        ObjectNode discovery;
        try {
            discovery = OidcJson.readObject(get(origin, base + "/.well-known/openid-configuration"));
        } catch (FormatException e) {
            throw new TokenException(ISSUER_UNREACHABLE, "discovery document is not a JSON object");
        }
        JsonNode announced = discovery.get("issuer");
        if (announced == null || !issuer.equals(announced.asText(null))) {
            throw new TokenException(ISSUER_UNREACHABLE, "discovery names another issuer");
        }
        JsonNode jwksUri = discovery.get("jwks_uri");
        if (jwksUri == null || !jwksUri.isTextual()) {
            throw new TokenException(ISSUER_UNREACHABLE, "discovery has no jwks_uri");
        }
        return new String(get(origin, jwksUri.textValue()), StandardCharsets.UTF_8);
    }

    private byte[] get(URI origin, String url) throws TokenException {
        URI target = sameOrigin(origin, url);
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = send(target);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || hop >= MAX_REDIRECTS) {
                throw new TokenException(ISSUER_UNREACHABLE, "issuer answered HTTP " + status);
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new TokenException(ISSUER_UNREACHABLE, "redirect without Location"));
            target = sameOrigin(origin, target.resolve(location).toString());
        }
    }

    private HttpResponse<byte[]> send(URI target) throws TokenException {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET()
                .header("Accept", "application/json").build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(maxBytes)
                : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            // the deadline covers the body too: a server that trickles bytes cannot hold a request thread
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new TokenException(ISSUER_UNREACHABLE, "interrupted");
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new TokenException(ISSUER_UNREACHABLE, "issuer timed out");
        } catch (ExecutionException e) {
            throw new TokenException(ISSUER_UNREACHABLE, e.getCause() instanceof TooLarge
                    ? "issuer document larger than " + maxBytes + " bytes"
                    : "issuer unreachable: " + e.getCause().getClass().getSimpleName());
        }
    }

    /** The JWKS and every redirect stay on the issuer's scheme, host and port. */
    private static URI sameOrigin(URI origin, String url) throws TokenException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new TokenException(ISSUER_UNREACHABLE, "malformed URL from issuer");
        }
        if (!origin.getScheme().equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !origin.getHost().toLowerCase(Locale.ROOT).equals(uri.getHost().toLowerCase(Locale.ROOT))
                || port(origin) != port(uri)) {
            throw new TokenException(ISSUER_UNREACHABLE, "issuer points outside its own origin");
        }
        return uri;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Collects a body and gives up (cancelling the stream) as soon as it exceeds the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
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
}
