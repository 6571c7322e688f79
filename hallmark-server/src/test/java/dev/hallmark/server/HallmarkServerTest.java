package dev.hallmark.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.http.HttpError;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real in-process start on 127.0.0.1, port 0, called over HTTP with the JDK client. */
class HallmarkServerTest {
    static final ConfigOverrides LOCAL = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
            Optional.empty(), false);

    @TempDir
    Path dir;
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    HallmarkServer server;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = HallmarkServer.builder(dir).overrides(LOCAL).accessLog(accessLog::add)
                .routeGroup(RouteGroup.builder("test", "/test")
                        .get("/thread", r -> Response.text(200, Boolean.toString(Thread.currentThread().isVirtual())))
                        .get("/items/{id}", r -> Response.text(200, r.pathParam("id") + "|" + r.queryParam("q").orElse("")))
                        .post("/echo", r -> Response.of(200, "application/octet-stream", r.body()))
                        .get("/teapot", r -> {
                            throw HttpError.badRequest("no tea");
                        })
                        .build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswersOkAsJson() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void publicUrlUsesTheBoundPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
        assertThat(server.urls().log()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/log"));
    }

    @Test
    void firstStartLaysOutTheDataDirectory() {
        assertThat(dir.resolve("hallmark.yaml")).isRegularFile();
        assertThat(dir.resolve("keys")).isDirectory();
        assertThat(dir.resolve("trust")).isDirectory();
    }

    @Test
    void unknownRouteIsJson404() throws Exception {
        HttpResponse<String> r = get("/nowhere/at/all/x/y");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).contains("GET");
    }

    @Test
    void routesRunOnVirtualThreads() throws Exception {
        assertThat(get("/test/thread").body()).isEqualTo("true");
    }

    @Test
    void pathAndQueryParametersReachTheRoute() throws Exception {
        assertThat(get("/test/items/42?q=a%20b").body()).isEqualTo("42|a b");
    }

    @Test
    void bodyReachesTheRoute() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/test/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.body()).containsExactly(1, 2, 3);
    }

    @Test
    void routeErrorsBecomeJson() throws Exception {
        HttpResponse<String> r = get("/test/teapot");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"no tea\"}");
    }

    @Test
    void metricsCountRequestsByGroupAndStatus() throws Exception {
        get("/healthz");
        get("/nowhere/at/all/x/y");
        HttpResponse<String> r = get("/metrics");
        while (!r.body().contains("group=\"none\"")) {
            r = get("/metrics"); // a request is counted once its response is sent, which the client may see first
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .contains("hallmark_http_requests_total{group=\"system\",status=\"200\"} 1")
                .contains("hallmark_http_requests_total{group=\"none\",status=\"404\"} 1")
                .contains("hallmark_http_request_duration_seconds_bucket{group=\"system\",status=\"200\",le=\"+Inf\"} 1");
    }

    @Test
    void restartReusesTheConfigFile() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("hallmark.yaml"));
        server.close();
        server = HallmarkServer.builder(dir).overrides(LOCAL).accessLog(accessLog::add).start();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(dir.resolve("hallmark.yaml"))).isEqualTo(before);
    }
}
