package dev.hallmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The CLI's HTTP calls to Sigstore services and registries: http(s) URLs only, bounded response sizes, timeouts, and
 * every failure as one line naming the service (never the request body, which may hold a token).
 */
public final class ServiceCall {
    /** Rekor v2 answers only once a checkpoint covers the entry; clients must allow at least 20 s (sigstore.md §4.1). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;

    /** A response: the status and at most the allowed number of body bytes. */
    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private ServiceCall(HttpClient http) {
        this.http = http;
    }

    /** Calls through the proxy and with the extra CA certificates the environment names, as npm does ({@link HttpEnvironment}). */
    public static ServiceCall fromEnvironment(java.util.Map<String, String> environment) {
        return new ServiceCall(HttpEnvironment.client(environment));
    }

    /** Parses a service URL from configuration or the command line; only http and https are used. */
    public static URI url(String text, String what) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw CliException.usage(what + " URL " + text + " is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage(what + " URL " + text + " is not a URL");
        }
    }

    /** Joins a base URL and an absolute path, keeping the base's own path ({@code http://h/log} + {@code /api/…}). */
    public static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    public Response post(URI uri, String contentType, byte[] body, long maxBytes, String what) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), maxBytes, what);
    }

    public Response get(URI uri, long maxBytes, String what) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET(), maxBytes, what);
    }

    /** Any request; the caller sets method, headers (an {@code Authorization} header is never echoed) and body. */
    public Response send(HttpRequest.Builder request, long maxBytes, String what) {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > maxBytes) {
                    throw CliException.failed(what + " answered more than " + maxBytes + " bytes");
                }
                return new Response(response.statusCode(), bytes);
            }
        } catch (IOException e) {
            throw CliException.failed("cannot reach " + what + " at " + request.build().uri() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted while calling " + what);
        }
    }

    /** A 2xx body, or a one-line failure quoting the service's own short error message. */
    public static byte[] expectOk(Response response, String what) {
        if (!response.ok()) {
            throw CliException.failed(what + " refused the request (HTTP " + response.status() + ")"
                    + errorMessage(response.body()).map(m -> ": " + m).orElse(""));
        }
        return response.body();
    }

    /** grpc-gateway and Rekor errors carry {@code "message"}, npm registries {@code "error"}; show one short line of it. */
    private static Optional<String> errorMessage(byte[] body) {
        if (body.length > 64 * 1024) {
            return Optional.empty();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(body);
            JsonNode message = node == null ? null : node.has("message") ? node.get("message") : node.get("error");
            if (message == null || !message.isTextual()) {
                return Optional.empty();
            }
            String line = message.textValue().replaceAll("\\s+", " ").strip();
            return Optional.of(line.length() > 300 ? line.substring(0, 300) + "…" : line);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
