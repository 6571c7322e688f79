package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.tuf.MetadataSigner;
import dev.hallmark.core.trust.tuf.Root;
import dev.hallmark.core.trust.tuf.TufCodec;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.sigstore.trustroot.SigstoreSigningConfig;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hallmark's TUF repository (/tuf) judged by the real clients: @sigstore/tuf (tuf-js, what sigstore-js and npm use)
 * and sigstore-java 2.0.0's TUF updater ({@code SigstoreTufClient}), each started from the instance's {@code DIR/tuf/root.json}; and a client holding an
 * old root following {@code hallmark trust rotate} after a restart.
 */
class TufInteropTest {
    @TempDir
    Path dir;

    private static HallmarkServer start(Path data, int port) throws Exception {
        return HallmarkServer.builder(data)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(port), Optional.empty(), Optional.empty(), false))
                .start();
    }

    private static JsonNode fetch(HallmarkServer server, Path root, Path cache, String... targets) throws Exception {
        String[] args = Stream.concat(Stream.of(server.urls().tuf().toString(), root.toString(), cache.toString()),
                Stream.of(targets)).toArray(String[]::new);
        NodeClients.Result result = NodeClients.run("tuf-fetch.mjs", args);
        JsonNode json = new ObjectMapper().readTree(result.output());
        assertThat(json.has("error") ? 1 : 0).as(result.output()).isEqualTo(result.exit());
        return json;
    }

    private static String text(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /**
     * The registry's public URL is set without a port (as a deployment behind https has it), so the registry publishes
     * its keys as the target {@code registry.test/keys.json}, npm's name for them (npm.md §6.2). On a URL with a port
     * the registry leaves that target out: sigstore-java's updater resolves every target name as a URI and fails on
     * {@code host:port/…}.
     */
    @Test
    void sigstoreJsFetchesTheTrustMaterialAndRegistryKeys() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("hallmark.yaml"), "registry:\n  baseUrl: http://registry.test\n");
        try (HallmarkServer server = start(data, 0)) {
            String keysTarget = "registry.test/keys.json";
            JsonNode js = fetch(server, data.resolve("tuf/root.json"), dir.resolve("js-cache"),
                    "trusted_root.json", "signing_config.v0.2.json", keysTarget);
            assertThat(js.has("error")).as(js.toString()).isFalse();
            assertThat(js.get("rootVersion").asInt()).isEqualTo(1);
            assertThat(js.get("targets").get("trusted_root.json").asText()).isEqualTo(text(data.resolve("trust/trusted_root.json")));
            assertThat(js.get("targets").get("signing_config.v0.2.json").asText())
                    .isEqualTo(text(data.resolve("trust/signing_config.json")));
            assertThat(js.get("targets").get(keysTarget).asText()).isEqualTo(text(data.resolve("trust/registry_keys.json")))
                    .contains("\"keyUsage\" : \"npm:signatures\"");

            // a target altered on the server no longer verifies: tuf-js refuses it (fresh cache, so it must download)
            Path published;
            try (Stream<Path> files = Files.list(data.resolve("tuf/targets"))) {
                published = files.filter(p -> p.getFileName().toString().endsWith(".trusted_root.json")).findFirst().orElseThrow();
            }
            String original = text(published);
            Files.writeString(published, original.replace("\"tlogs\"", "\"tlogz\""));
            JsonNode refused = fetch(server, data.resolve("tuf/root.json"), dir.resolve("js-cache-2"), "trusted_root.json");
            assertThat(refused.get("error").asText()).isEqualTo("TUF_DOWNLOAD_TARGET_ERROR");
            Files.writeString(published, original);
        }
    }

    @Test
    void aClientHoldingTheOldRootFollowsARotationAcrossARestart() throws Exception {
        Path data = dir.resolve("data");
        Path oldRoot = dir.resolve("old-root.json");
        Path cache = dir.resolve("js-cache");
        int port;
        try (HallmarkServer server = start(data, 0)) {
            port = server.port();
            Files.copy(data.resolve("tuf/root.json"), oldRoot);
            assertThat(fetch(server, oldRoot, cache, "trusted_root.json").get("rootVersion").asInt()).isEqualTo(1);
        }
        assertThat(cli("trust", "rotate", "--data", data.toString(), "--role", "root")).isZero();
        assertThat(cli("trust", "rotate", "--data", data.toString(), "--role", "timestamp")).isZero();
        assertThat(data.resolve("keys/tuf-root-1.pem")).isRegularFile(); // kept until the operator deletes it
        try (HallmarkServer server = start(data, port)) { // same port: same mirror URL, so the client's cache is reused
            JsonNode js = fetch(server, oldRoot, cache, "trusted_root.json", "signing_config.v0.2.json");
            assertThat(js.has("error")).as(js.toString()).isFalse();
            assertThat(js.get("rootVersion").asInt()).isEqualTo(3);
            assertThat(js.get("targets").get("trusted_root.json").asText()).isEqualTo(text(data.resolve("trust/trusted_root.json")));

            SigstoreTufClient java = SigstoreTufClient.builder()
                    .tufMirror(server.urls().tuf().resolve(server.urls().tuf().getPath() + "/"), RootProvider.fromFile(oldRoot))
                    .tufCacheLocation(dir.resolve("java-cache"))
                    .build();
            java.update();
            SigstoreTrustedRoot root = java.getSigstoreTrustedRoot();
            assertThat(root.getCAs()).isNotEmpty();
            assertThat(root.getTLogs()).hasSize(1);
            assertThat(root.getTLogs().get(0).getBaseUrl().toString()).startsWith(server.urls().log().toString());
            SigstoreSigningConfig signing = java.getSigstoreSigningConfig();
            assertThat(signing.getCas().get(0).getUrl().toString()).isEqualTo(server.urls().ca().toString());

            // a root v4 not signed by root v3's key (an attacker's rotation) stops tuf-js at v3
            Root current = TufCodec.parse(Files.readAllBytes(data.resolve("tuf/3.root.json")), Root.class, 1 << 20).signed();
            Signer attacker = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            Root forged = new Root(current.specVersion(), 4, current.expires(), true, current.keys(), current.roles());
            Files.write(data.resolve("tuf/4.root.json"),
                    TufCodec.write(MetadataSigner.sign(forged, List.of(MetadataSigner.RoleSigner.of(attacker)))));
            JsonNode refused = fetch(server, oldRoot, cache, "trusted_root.json");
            assertThat(refused.get("message").asText()).as(refused.toString()).contains("root was signed by 0/1 keys");
        }
    }

    private static int cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = dev.hallmark.cli.Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(err.toString()).isEmpty();
        return exit;
    }
}
