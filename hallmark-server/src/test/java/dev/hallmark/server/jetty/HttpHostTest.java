package dev.hallmark.server.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.server.http.Router;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host's own duties: body and header limits, the error shape, the access log, overload and graceful stop. */
class HttpHostTest {
    static final int LIMIT = 1024;
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final HttpClient client = HttpClient.newHttpClient();
    HttpHost host;

    HttpHost start(long maxBody, int maxConcurrent) throws IOException {
        host = HttpHost.open(new HostOptions("127.0.0.1", 0, maxBody, 4096, maxConcurrent, Duration.ofSeconds(10),
                new HttpMetrics(), accessLog::add));
        host.start(new Router(List.of(RouteGroup.builder("test", "/")
                .post("/size", r -> Response.text(200, Integer.toString(r.body().length())))
                .get("/pkg/{name}", r -> Response.text(200, r.path() + "|" + r.pathParam("name")))
                .get("/boom", r -> {
                    throw new IllegalStateException("password=hunter2 in an internal message");
                })
                .get("/slow", r -> {
                    entered.countDown();
                    release.await();
                    return Response.text(200, "done");
                })
                .build())));
        return host;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (host != null) {
            host.close();
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + host.port() + path);
    }

    HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return client.send(HttpRequest.newBuilder(url(path)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One raw HTTP/1.1 exchange, for what HttpClient will not send: lying lengths, huge headers. */
    String raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                response.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (complete(response.toString())) {
                    break;
                }
            }
            return response.toString();
        }
    }

    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        var m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(response.substring(0, end));
        return m.find() && response.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    @Test
    void bodyWithinTheLimitIsRead() throws Exception {
        start(LIMIT, 16);
        assertThat(post("/size", HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT])).body()).isEqualTo("1024");
        HttpResponse<String> chunked = post("/size", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[LIMIT])));
        assertThat(chunked.body()).isEqualTo("1024");
    }

    @Test
    void declaredLengthOverTheLimitIs413() throws Exception {
        start(LIMIT, 16);
        HttpResponse<String> r = post("/size", HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"error\":\"request body too large\"}");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        start(LIMIT, 16);
        HttpResponse<String> r = post("/size", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[LIMIT + 1])));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"error\":\"request body too large\"}");
    }

    @Test
    void aLyingContentLengthIsRefusedBeforeTheBodyArrives() throws Exception {
        start(LIMIT, 16);
        // Claims 100 MB, sends 10 bytes and waits: the answer must not wait for the rest.
        String response = raw("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n", new byte[10]);
        assertThat(response).startsWith("HTTP/1.1 413 ").endsWith("{\"error\":\"request body too large\"}");
    }

    @Test
    void bytesBeyondAShortContentLengthAreNotPartOfTheBody() throws Exception {
        start(LIMIT, 16);
        String response = raw("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", new byte[4 * LIMIT]);
        assertThat(response).startsWith("HTTP/1.1 200 ").contains("Content-Length: 1\r\n\r\n5");
    }

    @Test
    void theDefaultTenMebibyteLimitHolds() throws Exception {
        start(10L * 1024 * 1024, 16);
        HttpResponse<String> r = post("/size", HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1]));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void oversizedHeadersAre431InOurErrorShape() throws Exception {
        start(LIMIT, 16);
        String response = raw("GET /size HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8192) + "\r\n\r\n", new byte[0]);
        assertThat(response).startsWith("HTTP/1.1 431 ").contains("application/json")
                .endsWith("{\"error\":\"request header fields too large\"}");
    }

    @Test
    void malformedRequestsGetJsonWithoutInternals() throws Exception {
        start(LIMIT, 16);
        String response = raw("POST /size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", new byte[0]);
        assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).startsWith("{\"error\":");
    }

    @Test
    void anEncodedSlashStaysInsideItsSegmentAsNpmScopedNamesNeed() throws Exception {
        start(LIMIT, 16);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url("/pkg/@scope%2fname")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("/pkg/@scope%2Fname|@scope/name");
        HttpResponse<String> dots = client.send(HttpRequest.newBuilder(url("/pkg/%2e%2e")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dots.statusCode()).isEqualTo(400);
    }

    @Test
    void internalErrorsAre500WithoutMessageOrStack() throws Exception {
        start(LIMIT, 16);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url("/boom")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":\"internal error\"}");
        assertThat(r.headers().map().toString()).doesNotContain("hunter2");
    }

    @Test
    void accessLogLineHasNoQueryStringAuthorizationOrBody() throws Exception {
        start(LIMIT, 16);
        client.send(HttpRequest.newBuilder(url("/size?token=sekrit-query"))
                .header("Authorization", "Bearer sekrit-token")
                .POST(HttpRequest.BodyPublishers.ofString("sekrit-body")).build(), HttpResponse.BodyHandlers.ofString());
        while (accessLog.isEmpty()) {
            Thread.sleep(5); // the line is written once the response has been sent, just after the client sees it
        }
        assertThat(accessLog).singleElement().satisfies(line -> {
            assertThat(line).startsWith("http method=POST path=/size group=test status=200 bytes=2 ms=").endsWith(" remote=127.0.0.1");
            assertThat(line).doesNotContain("sekrit").doesNotContain("token").doesNotContain("Bearer").doesNotContain("?");
        });
    }

    @Test
    void accessLogEscapesWhatCouldForgeALine() {
        assertThat(AccessLog.clean("/a b\nstatus=500")).isEqualTo("/a%20b%0Astatus%3D500");
        assertThat(AccessLog.clean("/é")).isEqualTo("/%C3%A9");
    }

    @Test
    void pastTheConcurrencyLimitRequestsGet503WithRetryAfter() throws Exception {
        start(LIMIT, 1);
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(url("/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        entered.await();
        HttpResponse<String> refused = post("/size", HttpRequest.BodyPublishers.ofString("x"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).contains("1");
        release.countDown();
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(post("/size", HttpRequest.BodyPublishers.ofString("x")).statusCode()).isEqualTo(200);
    }

    @Test
    void stopWaitsForRequestsInFlight() throws Exception {
        start(LIMIT, 16);
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(url("/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        entered.await();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(host::close);
        awaitRefusingConnections();
        assertThat(stopping).isNotDone();
        release.countDown();
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(slow.get().body()).isEqualTo("done");
        stopping.get();
    }

    /** Shutdown has begun once the listener no longer accepts connections. */
    private void awaitRefusingConnections() throws InterruptedException {
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", host.port()), 1000);
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                // retry
            }
            Thread.sleep(20);
        }
    }
}
