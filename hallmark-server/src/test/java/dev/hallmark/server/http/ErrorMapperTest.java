package dev.hallmark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.FormatException;
import dev.hallmark.log.LogOverloadedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    @Test
    void internalFailuresNeverShowTheirMessageOrStack() {
        RuntimeException secret = new IllegalStateException("jdbc:postgresql://admin:hunter2@db failed",
                new java.io.IOException("disk /var/lib/secret"));
        Response r = ErrorMapper.toResponse(secret);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.bodyText()).isEqualTo("{\"error\":\"internal error\"}");
        assertThat(ErrorMapper.toResponse(new StackOverflowError()).bodyText()).isEqualTo("{\"error\":\"internal error\"}");
    }

    @Test
    void httpErrorsKeepTheirStatusMessageAndRetryAfter() {
        assertThat(ErrorMapper.toResponse(HttpError.badRequest("bad entry")).bodyText()).isEqualTo("{\"error\":\"bad entry\"}");
        Response tooMany = ErrorMapper.toResponse(HttpError.tooManyRequests(Duration.ofMillis(1500)));
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.headers()).containsEntry("retry-after", List.of("2"));
        Response unavailable = ErrorMapper.toResponse(HttpError.unavailable(Duration.ZERO));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.headers()).containsEntry("retry-after", List.of("1"));
        assertThat(ErrorMapper.toResponse(HttpError.payloadTooLarge()).bodyText()).isEqualTo("{\"error\":\"request body too large\"}");
    }

    @Test
    void logOverloadIs503WithRetryAfter() {
        Response r = ErrorMapper.toResponse(new LogOverloadedException(Duration.ofSeconds(3)));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers()).containsEntry("retry-after", List.of("3"));
        assertThat(r.contentType()).contains(Response.JSON);
    }

    @Test
    void malformedInputIs400() {
        Response r = ErrorMapper.toResponse(new FormatException("invalid base64 string"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).isEqualTo("{\"error\":\"malformed request: invalid base64 string\"}");
    }

    @Test
    void errorMessagesAreJsonEscaped() {
        assertThat(Response.error(400, "a \"quoted\"\nline").bodyText()).isEqualTo("{\"error\":\"a \\\"quoted\\\"\\nline\"}");
    }

    @Test
    void requestsNeverPrintHeadersOrBodies() {
        Request r = Request.of("POST", "/x", Map.of("token", List.of("q")), Map.of("Authorization", List.of("Bearer abc")),
                dev.hallmark.core.crypto.Bytes.utf8("secret body"));
        assertThat(r.toString()).isEqualTo("Request[POST /x]");
        assertThat(r.header("AUTHORIZATION")).contains("Bearer abc");
        assertThat(r.headers()).containsOnlyKeys("authorization");
        assertThat(r.queryParam("token")).contains("q");
        assertThat(r.queryParam("none")).isEqualTo(Optional.empty());
    }
}
