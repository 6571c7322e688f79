package dev.hallmark.server.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the host does when clients are many, slow or large (issue 8, found by {@code ./bench/run-reliability}): slow
 * senders do not hold admission slots and are cut off, responses still being written count against the concurrency
 * limit, and request bodies together stay within their memory budget.
 */
class HostOverloadTest {
    static final Bytes BIG = Bytes.of(new byte[16 * 1024 * 1024]);
    final HttpClient client = HttpClient.newHttpClient();
    final List<Socket> sockets = new ArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    HttpHost host;

    void start(int maxConcurrent, long bodyMemory, Duration grace, long minRate) throws IOException {
        host = HttpHost.open(new HostOptions("127.0.0.1", 0, 64 * 1024, 4096, maxConcurrent, Duration.ofSeconds(10),
                new HttpMetrics(), line -> { }, bodyMemory, grace, minRate));
        host.start(new Router(List.of(RouteGroup.builder("test", "/")
                .post("/size", r -> Response.text(200, Integer.toString(r.body().length())))
                .get("/big", r -> Response.of(200, "application/octet-stream", BIG))
                .post("/hold", r -> {
                    entered.countDown();
                    release.await();
                    return Response.text(200, Integer.toString(r.body().length()));
                })
                .build())));
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        for (Socket s : sockets) {
            s.close();
        }
        if (host != null) {
            host.close();
        }
    }

    HttpResponse<String> post(int bytes) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/size"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes])).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A connection that sent {@code head} (and nothing more yet). */
    Socket open(String head, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new java.net.InetSocketAddress("127.0.0.1", host.port()));
        sockets.add(s);
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    static String statusLine(Socket s) throws IOException {
        s.setSoTimeout(30_000);
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\r';) {
            line.append((char) c);
        }
        return line.toString();
    }

    @Test
    void aClientTricklingItsBodyDoesNotTakeTheOnlyAdmissionSlot() throws Exception {
        start(1, 1024 * 1024, Duration.ofSeconds(60), 1);
        Socket slow = open("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{", 0);
        // Before: the slow request held the single permit while it waited for its body, so this one got 503.
        HttpResponse<String> other = post(10);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("10");
        slow.getOutputStream().write(new byte[99]);
        assertThat(statusLine(slow)).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void aBodyArrivingSlowerThanTheMinimumRateIsCutOffWith408() throws Exception {
        start(16, 1024 * 1024, Duration.ofMillis(300), 1000);
        Socket slow = open("POST /size HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{", 0);
        OutputStream out = slow.getOutputStream();
        Thread trickle = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    Thread.sleep(100);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // cut off: expected
            }
        });
        assertThat(statusLine(slow)).isEqualTo("HTTP/1.1 408 Request Timeout");
        trickle.interrupt();
        assertThat(post(1000).statusCode()).as("an honest client is unaffected").isEqualTo(200);
    }

    @Test
    void aResponseStillBeingWrittenHoldsItsAdmissionSlot() throws Exception {
        start(1, 1024 * 1024, Duration.ofSeconds(60), 1);
        // 16 MiB to a client that reads only the status line: the write stalls once the socket buffers are full.
        Socket reader = open("GET /big HTTP/1.1\r\nHost: x\r\n\r\n", 4096);
        assertThat(statusLine(reader)).isEqualTo("HTTP/1.1 200 OK");
        // Before: the permit was released when the route returned, so the stalled write held nothing.
        HttpResponse<String> refused = post(1);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).contains("1");
        InputStream in = reader.getInputStream();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; total < BIG.length() && (n = in.read(buffer)) != -1;) {
            total += n;
        }
        assertThat(total).isGreaterThanOrEqualTo(BIG.length());
        int after = 0;
        for (int attempt = 0; attempt < 500 && after != 200; attempt++) {
            after = post(1).statusCode(); // the slot is free once the write has completed (just after the last byte)
        }
        assertThat(after).isEqualTo(200);
    }

    @Test
    void bodiesTogetherStayWithinTheirMemoryBudget() throws Exception {
        start(16, 4096, Duration.ofSeconds(60), 1);
        // A request whose 3000-byte body is held until its response is written (its route waits).
        CompletableFuture<HttpResponse<String>> holding = client.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + host.port() + "/hold")).POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[3000])).build(), HttpResponse.BodyHandlers.ofString());
        entered.await();
        // Before: no budget, every body was buffered whatever the others held.
        HttpResponse<String> refused = post(2000);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).contains("1");
        assertThat(refused.body()).isEqualTo("{\"error\":\"service overloaded, retry later\"}");
        assertThat(post(1000).statusCode()).as("what still fits is read").isEqualTo(200);
        release.countDown();
        assertThat(holding.get().body()).isEqualTo("3000");
        assertThat(post(4000).statusCode()).as("the held bytes were released").isEqualTo(200);
        assertThat(post(5000).statusCode()).as("larger than the whole budget").isEqualTo(503);
    }
}
