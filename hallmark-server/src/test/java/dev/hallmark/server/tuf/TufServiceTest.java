package dev.hallmark.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.trust.tuf.RepositoryReader;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.core.trust.tuf.TufClient;
import dev.hallmark.core.trust.tuf.TufException;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.config.TufConfig;
import dev.hallmark.server.keys.FileKeyManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository as a started server publishes and serves it, and the task that keeps it fresh. */
class TufServiceTest {
    /** A fixed public URL keeps the trust material, and so the targets, the same across restarts on port 0. */
    static final ConfigOverrides LOCAL = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0),
            Optional.of("http://hallmark.test:8080"), Optional.empty(), false);

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    static final class MovableClock implements InstantSource {
        volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The mirror over HTTP, as tuf-js reads it: 404 and 403 mean "no such file". */
    RepositoryReader mirror(HallmarkServer server) {
        return (path, max) -> {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/tuf/" + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 404 || r.statusCode() == 403) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw new TufException(TufException.Reason.FETCH_FAILED, path + ": HTTP " + r.statusCode());
                }
                return Optional.of(r.body());
            } catch (IOException | InterruptedException e) {
                throw new TufException(TufException.Reason.FETCH_FAILED, path + ": " + e);
            }
        };
    }

    int status(HallmarkServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void firstStartPublishesTheTrustMaterialAndServesItUnderTuf() throws Exception {
        MovableClock clock = new MovableClock();
        try (HallmarkServer server = HallmarkServer.builder(dir).overrides(LOCAL).clock(clock).start()) {
            TufClient client = TufClient.start(Files.readAllBytes(dir.resolve("tuf/root.json")), clock);
            client.refresh(mirror(server));
            assertThat(client.fetchTarget("trusted_root.json", mirror(server)).toArray())
                    .isEqualTo(Files.readAllBytes(dir.resolve("trust/trusted_root.json")));
            assertThat(client.fetchTarget("signing_config.v0.2.json", mirror(server)).toArray())
                    .isEqualTo(Files.readAllBytes(dir.resolve("trust/signing_config.json")));
            assertThat(status(server, "/tuf/1.root.json")).isEqualTo(200);
            assertThat(status(server, "/tuf/2.root.json")).isEqualTo(404); // "no newer root" (TUF §5.3.3)
            assertThat(status(server, "/tuf/.lock")).isEqualTo(404);
            assertThat(status(server, "/tuf/targets/..%2F..%2Fkeys%2Ftuf-root-1.pem")).isEqualTo(404);
            assertThat(status(server, "/tuf/targets/nothing.json")).isEqualTo(404);
            HttpResponse<String> timestamp = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/tuf/timestamp.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(timestamp.headers().firstValue("cache-control")).contains("no-cache");
            assertThat(timestamp.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        }
    }

    @Test
    void restartsPublishOnlyWhatChanged() throws Exception {
        MovableClock clock = new MovableClock();
        HallmarkServer.builder(dir).overrides(LOCAL).clock(clock).start().close();
        byte[] timestamp = Files.readAllBytes(dir.resolve("tuf/timestamp.json"));
        HallmarkServer.builder(dir).overrides(LOCAL).clock(clock).start().close();
        assertThat(dir.resolve("tuf/timestamp.json")).hasBinaryContent(timestamp);
        // another public URL rewrites the signing config (and the trusted root's URLs): new targets are published
        ConfigOverrides moved = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0),
                Optional.of("http://moved.test:8080"), Optional.empty(), false);
        try (HallmarkServer server = HallmarkServer.builder(dir).overrides(moved).clock(clock).start()) {
            assertThat(dir.resolve("tuf/2.targets.json")).isRegularFile();
            assertThat(dir.resolve("tuf/2.root.json")).doesNotExist();
            TufClient client = TufClient.start(Files.readAllBytes(dir.resolve("tuf/1.root.json")), clock);
            client.refresh(mirror(server));
            assertThat(new String(client.fetchTarget("signing_config.v0.2.json", mirror(server)).toArray()))
                    .contains("http://moved.test:8080/ca");
        }
    }

    @Test
    void theScheduledTaskReSignsBeforeExpiry() throws Exception {
        MovableClock clock = new MovableClock();
        TufRepository repository = new TufRepository(dir.resolve("tuf"), new FileKeyManager(dir.resolve("keys")),
                TufConfig.DEFAULT, List.of(() -> Map.of("a.json", Bytes.utf8("{}"))));
        try (TufService service = TufService.start(repository, clock, Duration.ofMillis(20))) {
            assertThat(repository.layout().read("timestamp.json", dev.hallmark.core.trust.tuf.Timestamp.class)
                    .orElseThrow().signed().version()).isEqualTo(1);
            clock.now = clock.now.plus(Duration.ofHours(13));
            long version = 1;
            for (int i = 0; i < 500 && version == 1; i++) { // bounded wait for the task; no assertion on time
                Thread.sleep(20);
                version = repository.layout().read("timestamp.json", dev.hallmark.core.trust.tuf.Timestamp.class)
                        .orElseThrow().signed().version();
            }
            assertThat(version).isEqualTo(2);
            TufClient client = TufClient.start(Files.readAllBytes(dir.resolve("tuf/root.json")), clock);
            client.refresh(new LayoutReader(repository.layout(), Map.of()));
            assertThat(client.timestamp().orElseThrow().expires()).isAfter(clock.now.plus(Duration.ofHours(23)));
            assertThat(service.tick().signed()).doesNotContain(RoleType.TIMESTAMP);
        }
    }

    @Test
    void theTaskLooksOftenEnoughForTheShortestValidity() {
        assertThat(TufService.interval(TufConfig.DEFAULT)).isEqualTo(Duration.ofHours(1));
        assertThat(TufService.interval(new TufConfig(2, 1, 1, 1))).isEqualTo(Duration.ofMinutes(15));
    }
}
