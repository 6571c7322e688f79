package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.registry.RegistryKeyFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry key rotation (issue 6 item 2): after {@code hallmark registry rotate-key} and a restart, new versions are
 * signed with a new key while the old key stays listed with its expiry, so npm's pacote verifies both the version
 * signed before the rotation and the one signed after.
 */
class RegistryKeyRotationInteropTest {
    @TempDir
    Path dir;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    HallmarkServer start() throws Exception {
        return HallmarkServer.builder(dir.resolve("data"))
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                        Optional.empty(), false))
                .start();
    }

    static String registry(HallmarkServer server) {
        return server.urls().registry().toString().replaceAll("/+$", "");
    }

    @Test
    void signaturesOfTheRetiredKeyStillVerify() throws Exception {
        String oldKeyid;
        try (HallmarkServer server = start()) {
            String token = RegistryHttp.login(registry(server), "alice");
            RegistryHttp.publish(registry(server), token, "widget", "1.0.0");
            oldKeyid = keys(registry(server)).keys().get(0).keyid();
        }
        assertThat(RegistryKeyFiles.rotate(new DataDirectory(dir.resolve("data")), Instant.now()).keyid()).isEqualTo(oldKeyid);
        try (HallmarkServer server = start()) {
            String token = RegistryHttp.login(registry(server), "alice");
            RegistryHttp.publish(registry(server), token, "widget", "1.0.1");
            RegistryKeys keys = keys(registry(server));
            assertThat(keys.keys()).hasSize(2);
            assertThat(keys.keys().get(0).keyid()).isNotEqualTo(oldKeyid);
            assertThat(keys.keys().get(0).expires()).isEmpty();
            assertThat(keys.find(oldKeyid).orElseThrow().expires()).isPresent();
            for (String spec : new String[] {"widget@1.0.0", "widget@1.0.1"}) {
                NodeClients.Result r = NodeClients.run("verify-registry-signatures.mjs", registry(server) + "/", spec);
                assertThat(r.output()).as(spec).contains("\"ok\":true");
            }
            assertThat(NodeClients.run("verify-registry-signatures.mjs", registry(server) + "/", "widget@1.0.0")
                    .output()).contains(oldKeyid);
        }
    }

    static RegistryKeys keys(String registry) throws Exception {
        return RegistryKeys.parseRegistryResponse(HTTP.send(HttpRequest.newBuilder(URI.create(registry + "/-/npm/v1/keys"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }
}
