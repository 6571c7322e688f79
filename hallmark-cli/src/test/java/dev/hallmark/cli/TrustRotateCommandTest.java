package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.trust.tuf.RepositoryReader;
import dev.hallmark.core.trust.tuf.TufClient;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hallmark trust rotate} on a data directory a server created, checked with the core TUF client. */
class TrustRotateCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void firstStart() throws Exception {
        HallmarkServer.builder(dir).overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                Optional.empty(), false)).start().close();
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    RepositoryReader directory() {
        return (path, max) -> {
            Path file = dir.resolve("tuf").resolve(path);
            try {
                return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void rotatingTheRootKeyPublishesRootTwoThatOldClientsAccept() throws Exception {
        byte[] oldRoot = Files.readAllBytes(dir.resolve("tuf/root.json"));
        assertThat(run("trust", "rotate", "--data", dir.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("rotated the root key: root v1 -> v2, new key tuf-root-2")
                .contains("old key kept: " + dir.resolve("keys/tuf-root-1.pem"));
        assertThat(dir.resolve("tuf/2.root.json")).hasSameBinaryContentAs(dir.resolve("tuf/root.json"));
        assertThat(dir.resolve("keys/tuf-root-1.pem")).isRegularFile();
        assertThat(dir.resolve("keys/tuf-root-2.pem")).isRegularFile();
        TufClient client = TufClient.start(oldRoot, InstantSource.system());
        client.refresh(directory());
        assertThat(client.root().version()).isEqualTo(2);
        assertThat(client.fetchTarget("trusted_root.json", directory()).toArray())
                .isEqualTo(Files.readAllBytes(dir.resolve("trust/trusted_root.json")));
    }

    @Test
    void rotatingAnOnlineKeyReportsJson() throws Exception {
        assertThat(run("trust", "rotate", "--data", dir.toString(), "--role", "timestamp", "--json")).isEqualTo(0);
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.get("role").asText()).isEqualTo("timestamp");
        assertThat(result.get("toRoot").asInt()).isEqualTo(2);
        assertThat(result.get("keyName").asText()).isEqualTo("tuf-timestamp-2");
        assertThat(result.get("retiredKeyFiles").get(0).asText()).endsWith("tuf-timestamp-1.pem");
        assertThat(result.get("signed").toString()).isEqualTo("[\"root\",\"timestamp\"]");
        TufClient client = TufClient.start(Files.readAllBytes(dir.resolve("tuf/1.root.json")), InstantSource.system());
        client.refresh(directory());
        assertThat(client.timestamp().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        assertThat(run("trust", "rotate", "--data", dir.toString(), "--role", "owner")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).isEqualTo("hallmark: --role must be root, targets, snapshot or timestamp, not owner\n");
        assertThat(run("trust", "rotate", "--data", dir.resolve("nowhere").toString())).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).startsWith("hallmark: no Hallmark data directory at ").doesNotContain("\tat ");
        assertThat(run("trust")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString().lines().count()).isEqualTo(1);
    }
}
