package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist.signatures} and {@code /-/npm/v1/keys} judged by npm's own pacote (the copy inside the npm on PATH), the
 * code {@code npm audit signatures} runs per package (npm.md §13): a published version verifies; with another key under
 * the same keyid it fails with EINTEGRITYSIGNATURE, which npm reports as an invalid signature.
 */
class RegistrySignaturesInteropTest {
    @TempDir
    static Path dir;
    static HallmarkServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = HallmarkServer.builder(dir.resolve("data"))
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                        Optional.empty(), false))
                .start();
        String token = RegistryHttp.login(registry(), "alice");
        for (String name : new String[] {"widget", "@acme/gadget"}) {
            RegistryHttp.publish(registry(), token, name, "1.0.0");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String registry() {
        return server.urls().registry().toString().replaceAll("/+$", "");
    }

    @Test
    void pacoteVerifiesTheRegistrySignatures() throws Exception {
        for (String spec : new String[] {"widget@1.0.0", "@acme/gadget@1.0.0"}) {
            NodeClients.Result r = NodeClients.run("verify-registry-signatures.mjs", registry() + "/", spec);
            assertThat(r.output()).as(spec).contains("\"ok\":true").contains("\"keyid\":\"SHA256:");
        }
    }

    /**
     * The registry's publish attestation (npm.md §7.2), logged in this instance's Rekor: @sigstore/verify accepts it
     * with the instance's trusted root and the registry key found by its hint, as pacote does; hallmark-core's
     * pacote-equivalent check accepts the whole attestations response.
     */
    @Test
    void thePublishAttestationVerifiesWithTheRegistryKey() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry()
                + "/-/npm/v1/attestations/@acme%2fgadget@1.0.0")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        var response = dev.hallmark.core.json.Json.parseObject(r.body(), 1 << 24);
        var item = response.at("/attestations/0");
        assertThat(item.path("predicateType").asText())
                .isEqualTo("https://github.com/npm/attestation/tree/main/specs/publish/v0.1");
        HttpResponse<byte[]> keysJson = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/-/npm/v1/keys")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        var keys = dev.hallmark.core.npm.RegistryKeys.parseRegistryResponse(keysJson.body());
        var key = keys.keys().get(0);
        Path bundle = dir.resolve("publish.sigstore.json");
        java.nio.file.Files.write(bundle, dev.hallmark.core.json.Json.write(item.get("bundle")));
        Path pem = dir.resolve("registry.pem");
        java.nio.file.Files.writeString(pem, dev.hallmark.core.crypto.Keys.toPem(key.key()));
        Path root = dir.resolve("data/trust/trusted_root.json");
        NodeClients.Result js = NodeClients.run("verify-bundle.mjs", bundle.toString(), root.toString(), pem.toString(),
                key.keyid());
        assertThat(js.output()).isEqualTo("verified");

        byte[] tarball = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/@acme/gadget/-/gadget-1.0.0.tgz"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        var verifier = dev.hallmark.core.verify.Verifier.create(
                dev.hallmark.core.trust.TrustedRootCodec.parse(java.nio.file.Files.readAllBytes(root)),
                dev.hallmark.core.verify.VerifierOptions.defaults(), java.time.InstantSource.system());
        var verified = new dev.hallmark.core.npm.AttestationsVerifier(verifier, keys).verify(r.body(), "@acme/gadget",
                "1.0.0", dev.hallmark.core.crypto.Digest.sha512(tarball), java.util.Optional.empty());
        assertThat(verified).extracting(v -> v.predicateType())
                .containsExactly("https://github.com/npm/attestation/tree/main/specs/publish/v0.1");
    }

    @Test
    void anotherKeyUnderTheSameKeyidIsAnInvalidSignature() throws Exception {
        NodeClients.Result r = NodeClients.run("verify-registry-signatures.mjs", registry() + "/", "widget@1.0.0",
                "--tamper-key");
        assertThat(r.output()).contains("\"ok\":false").contains("EINTEGRITYSIGNATURE");
    }
}
