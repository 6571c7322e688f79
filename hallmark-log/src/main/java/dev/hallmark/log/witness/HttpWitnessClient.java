package dev.hallmark.log.witness;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.witness.WitnessResponse.Failed;
import dev.hallmark.log.witness.WitnessResponse.Reason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link WitnessClient} over HTTP: {@code POST <url>/add-checkpoint} (C2SP tlog-witness; sigstore.md §4.4). The URL
 * is the configured witness's ({@link WitnessPolicy.Witness#url()}), never anything a log client supplied; redirects
 * are not followed; each exchange has a timeout; answers are read up to {@value #MAX_RESPONSE} bytes.
 */
public final class HttpWitnessClient implements WitnessClient {
    /** A 200 body is signature lines (~150 bytes each); 8 KiB is ample for any real witness. */
    public static final int MAX_RESPONSE = 8 * 1024;
    private static final String SIZE_TYPE = "text/x.tlog.size";

    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;

    public HttpWitnessClient(WitnessPolicy.Witness witness, HttpClient http, Duration timeout) {
        this.endpoint = URI.create(witness.url() + "/add-checkpoint");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** An HTTP client suited to witnesses: connect timeout, no redirects, keep-alive (which tlog-witness asks for). */
    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<WitnessResponse> addCheckpoint(WitnessRequest request) {
        HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode())).build();
        try {
            return http.sendAsync(post, BoundedBody.handler(MAX_RESPONSE))
                    .thenApply(r -> interpret(request, r))
                    .exceptionally(e -> {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        return cause instanceof BoundedBody.TooLargeException
                                ? new Failed(Reason.MALFORMED_RESPONSE, "response too large")
                                : new Failed(Reason.UNREACHABLE, cause.getClass().getSimpleName()
                                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                    });
        } catch (RuntimeException e) { // e.g. the client was shut down
            return CompletableFuture.completedFuture(new Failed(Reason.UNREACHABLE, e.getClass().getSimpleName()));
        }
    }

    static WitnessResponse interpret(WitnessRequest request, HttpResponse<byte[]> response) {
        return switch (response.statusCode()) {
            case 200 -> cosigned(request, response.body());
            case 409 -> conflict(response);
            case 404 -> new Failed(Reason.UNKNOWN_ORIGIN, "404");
            case 403 -> new Failed(Reason.BAD_LOG_SIGNATURE, "403");
            case 400 -> new Failed(Reason.BAD_REQUEST, "400");
            case 422 -> new Failed(Reason.BAD_PROOF, "422");
            default -> new Failed(Reason.MALFORMED_RESPONSE, "status " + response.statusCode());
        };
    }

    /**
     * tlog-witness suggests appending the answer to the checkpoint and parsing the result as a note: the lines then
     * get the signed-note syntax checks, and a body that smuggles in a blank line changes the text and is refused.
     */
    private static WitnessResponse cosigned(WitnessRequest request, byte[] body) {
        try {
            String lines = utf8(body);
            if (lines.isEmpty() || !lines.endsWith("\n")) {
                return new Failed(Reason.MALFORMED_RESPONSE, "200 without newline-terminated signature lines");
            }
            String text = request.checkpoint().text();
            SignedNote joined = SignedNote.parse(text + "\n" + lines);
            if (!joined.text().equals(text)) {
                return new Failed(Reason.MALFORMED_RESPONSE, "200 body is not only signature lines");
            }
            return new WitnessResponse.Cosigned(joined.signatures());
        } catch (FormatException e) {
            return new Failed(Reason.MALFORMED_RESPONSE, "200 body: " + e.getMessage());
        }
    }

    private static WitnessResponse conflict(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.equals(SIZE_TYPE) && !type.startsWith(SIZE_TYPE + ";")) {
            return new Failed(Reason.MALFORMED_RESPONSE, "409 without " + SIZE_TYPE);
        }
        try {
            String body = utf8(response.body());
            if (!body.endsWith("\n")) {
                return new Failed(Reason.MALFORMED_RESPONSE, "409 size without a newline");
            }
            return new WitnessResponse.Conflict(WitnessRequest.size(body.substring(0, body.length() - 1)));
        } catch (FormatException e) {
            return new Failed(Reason.MALFORMED_RESPONSE, "409 body: " + e.getMessage());
        }
    }

    private static String utf8(byte[] body) throws FormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("not UTF-8");
        }
    }

    @Override
    public String toString() {
        return "HttpWitnessClient[" + endpoint + "]";
    }
}
