package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Hallmark started in-process with {@code --dev} on 127.0.0.1 and an ephemeral port, as the end-to-end npm tests
 * use it: HTTP helpers for the registry, the development GitHub issuer's job protocol (what a job sees as
 * {@code ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN}), and a clock that runs with real time but can be moved forward.
 */
final class DevHallmark implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    final HallmarkServer server;
    final Path dataDir;
    private final AtomicReference<Duration> ahead;

    private DevHallmark(HallmarkServer server, Path dataDir, AtomicReference<Duration> ahead) {
        this.server = server;
        this.dataDir = dataDir;
        this.ahead = ahead;
    }

    static DevHallmark start(Path dataDir) throws Exception {
        return start(dataDir, null);
    }

    /** @param yaml the start of {@code hallmark.yaml} (settings not named keep their defaults), or null for none */
    static DevHallmark start(Path dataDir, String yaml) throws Exception {
        if (yaml != null) {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("hallmark.yaml"), yaml);
        }
        AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
        InstantSource clock = () -> Instant.now().plus(ahead.get());
        HallmarkServer server = HallmarkServer.builder(dataDir)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                        Optional.empty(), true))
                .clock(clock)
                .accessLog(line -> { })
                .start();
        return new DevHallmark(server, dataDir, ahead);
    }

    /** Moves the server's clock forward (never back, so the log's times stay monotonic). */
    void advance(Duration d) {
        ahead.updateAndGet(a -> a.plus(d));
    }

    /** The registry's public URL without a trailing slash: what npm is configured with. */
    String registry() {
        return server.urls().registry().toString().replaceAll("/+$", "");
    }

    /** The server on loopback, without a trailing slash; the registry answers under its root whatever its public URL. */
    String url() {
        return server.url().toString().replaceAll("/+$", "");
    }

    /** A request to the registry, on loopback. */
    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user) throws Exception {
        return RegistryHttp.login(url(), user);
    }

    /** Registers a job of the development GitHub issuer; unnamed claims take the issuer's defaults. */
    JsonNode job(Map<String, String> claims) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/oidc/github/dev/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(claims))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    String idToken(JsonNode job, String audience) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(job.get("requestUrl").asText()
                        + "&audience=" + audience)).header("authorization", "Bearer " + job.get("requestToken").asText())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("value").asText();
    }

    /** A token of the development GitLab issuer ({@code id_tokens} of a job); unnamed claims take its defaults. */
    String gitlabToken(String audience, Map<String, String> claims) throws Exception {
        String body = JSON.writeValueAsString(Map.of("audience", audience, "claims", claims));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/oidc/gitlab/dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** The registry's database, for tests that reach behind the API (tampering with what was stored). */
    Connection database() throws Exception {
        return DriverManager.getConnection(server.config().storage().jdbcUrl(dataDir));
    }

    @Override
    public void close() {
        server.close();
    }
}
