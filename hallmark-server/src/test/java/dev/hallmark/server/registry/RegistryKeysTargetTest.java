package dev.hallmark.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.npm.RegistryKeys;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry keys travel by TUF as npm looks for them (npm.md §6.2): {@code <registry host><path>/keys.json} in the TUF
 * keys form, listing the key {@code /-/npm/v1/keys} lists; not for a registry URL with a port (sigstore-java 2.0.0
 * cannot fetch a target named {@code host:port/…}).
 */
class RegistryKeysTargetTest {
    @TempDir
    Path dir;

    HallmarkServer start(Path data, String registryBaseUrl) throws Exception {
        Files.createDirectories(data);
        if (registryBaseUrl != null) {
            Files.writeString(data.resolve("hallmark.yaml"), "registry:\n  baseUrl: " + registryBaseUrl + "\n");
        }
        return HallmarkServer.builder(data).overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0),
                Optional.empty(), Optional.empty(), false)).start();
    }

    @Test
    void aRegistryOnTheDefaultPortPublishesItsKeysThroughTuf() throws Exception {
        Path data = dir.resolve("a");
        try (HallmarkServer server = start(data, "https://registry.example/npm")) {
            Path keysFile = data.resolve("trust/registry_keys.json");
            RegistryKeys keys = RegistryKeys.parseTufTarget(Files.readAllBytes(keysFile));
            assertThat(keys.keys()).extracting(k -> k.usage().orElseThrow())
                    .containsExactly("npm:signatures", "npm:attestations");
            assertThat(keys.keys().get(0).expires()).isEmpty();
            try (Stream<Path> files = Files.walk(data.resolve("tuf"))) {
                assertThat(files.map(p -> data.resolve("tuf").relativize(p).toString()))
                        .anyMatch(name -> name.startsWith("targets/registry.example/npm/") && name.endsWith(".keys.json"));
            }
        }
    }

    @Test
    void aRegistryOnAnExplicitPortLeavesTheTargetOut() throws Exception {
        Path data = dir.resolve("b");
        try (HallmarkServer server = start(data, null)) {
            assertThat(data.resolve("trust/registry_keys.json")).doesNotExist();
        }
    }
}
