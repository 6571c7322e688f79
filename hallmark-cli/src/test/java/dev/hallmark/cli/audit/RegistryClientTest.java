package dev.hallmark.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit's registry reads against a local server that answers, refuses, stalls and trickles: one deadline covers
 * the whole exchange, headers and body, and a thread whose exchange was cut off is left without a pending interrupt.
 */
class RegistryClientTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", ex -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/stall", ex -> {
            await();
            ex.close();
        });
        server.createContext("/trickle", ex -> {
            ex.sendResponseHeaders(200, 1000);
            OutputStream out = ex.getResponseBody();
            try {
                for (int i = 0; i < 1000 && release.getCount() > 0; i++) {
                    out.write('x');
                    out.flush();
                    release.await(100, TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                // the client went away
            }
            ex.close();
        });
        server.start();
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void answersTheBodyOf200AndEmptyFor404() throws Exception {
        RegistryClient client = new RegistryClient(4, Duration.ofSeconds(5));
        assertThat(client.get(url("/ok"), 1024)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}"));
        assertThat(client.get(url("/missing"), 1024)).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        RegistryClient client = new RegistryClient(4, Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.get(url("/ok"), 5)).isInstanceOf(RegistryClient.FetchException.class)
                .hasMessageContaining("larger than 5 bytes");
    }

    @Test
    void aServerThatNeverAnswersIsCutOffAtTheDeadline() throws Exception {
        RegistryClient client = new RegistryClient(4, Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.get(url("/stall"), 1024)).isInstanceOf(RegistryClient.FetchException.class)
                .hasMessageContaining("took longer than 1 s");
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left behind").isFalse();
        assertThat(client.get(url("/ok"), 1024)).isPresent();
    }

    @Test
    void aBodyThatTricklesIsCutOffAtTheSameDeadline() throws Exception {
        RegistryClient client = new RegistryClient(4, Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.get(url("/trickle"), 4096)).isInstanceOf(RegistryClient.FetchException.class)
                .hasMessageContaining("took longer than 1 s");
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left behind").isFalse();
        assertThat(client.get(url("/ok"), 1024)).isPresent();
    }

    @Test
    void aVirtualThreadCutOffIsLeftWithoutAnInterrupt() throws Exception {
        RegistryClient client = new RegistryClient(4, Duration.ofSeconds(1));
        boolean[] interrupted = new boolean[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                client.get(url("/stall"), 1024);
            } catch (RegistryClient.FetchException e) {
                interrupted[0] = Thread.currentThread().isInterrupted();
            }
        });
        t.join();
        assertThat(interrupted[0]).isFalse();
    }
}
