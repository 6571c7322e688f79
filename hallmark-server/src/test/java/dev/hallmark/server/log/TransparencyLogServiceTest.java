package dev.hallmark.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.CosignatureVerifier;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.log.witness.TestWitness;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.keys.FileKeyManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log as `hallmark serve` runs it: Rekor v1 over HTTP, its key in trusted_root.json, witnesses from hallmark.yaml. */
class TransparencyLogServiceTest {
    private static final ConfigOverrides ANY_PORT = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), false);
    private final HttpClient http = HttpClient.newHttpClient();

    private static String hashedRekord(Signer signer, byte[] artifact) {
        String pem = Base64.getEncoder().encodeToString(Keys.toPem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
        return "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":\"sha256\",\"value\":\""
                + Digest.sha256(artifact).hex() + "\"}},\"signature\":{\"content\":\"" + signer.sign(artifact).base64()
                + "\",\"publicKey\":{\"content\":\"" + pem + "\"}}}}";
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesARekorLogWhoseKeyIsInTheTrustedRootAndSurvivesARestart(@TempDir Path data) throws Exception {
        Signer client = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        String entryLocation;
        try (HallmarkServer server = HallmarkServer.builder(data).overrides(ANY_PORT).start()) {
            URI log = server.urls().log();
            String proposed = hashedRekord(client, "one".getBytes());
            HttpResponse<String> created = post(URI.create(log + "/api/v1/log/entries"), proposed);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode entry = new ObjectMapper().readTree(created.body()).elements().next();
            assertThat(entry.get("logIndex").asLong()).isZero();
            entryLocation = created.headers().firstValue("Location").orElseThrow();
            assertThat(post(URI.create(log + "/api/v1/log/entries"), proposed).statusCode()).isEqualTo(409);
            assertThat(get(URI.create(log + "/tile/0/000.p/1")).statusCode()).isEqualTo(200);

            TrustedRoot root = TrustedRootCodec.parse(Files.readAllBytes(data.resolve("trust/trusted_root.json")));
            assertThat(root.tlogs()).singleElement().satisfies(t -> {
                assertThat(t.baseUrl()).isEqualTo(log.toString());
                assertThat(t.logId().hex()).isEqualTo(entry.get("logID").asText());
            });
            SignedNote checkpoint = SignedNote.parse(get(URI.create(log + "/checkpoint")).body());
            checkpoint.verify(java.util.List.of(NoteVerifier.forLogKey(log.getHost(), Keys.publicKeyFromDer(root.tlogs().get(0).publicKey().rawBytes()))));
        }
        try (HallmarkServer again = HallmarkServer.builder(data).overrides(ANY_PORT).start()) {
            HttpResponse<String> fetched = get(URI.create(again.urls().server() + entryLocation));
            assertThat(fetched.statusCode()).as(entryLocation).isEqualTo(200);
            HttpResponse<String> second = post(URI.create(again.urls().log() + "/api/v1/log/entries"), hashedRekord(client, "two".getBytes()));
            assertThat(new ObjectMapper().readTree(second.body()).elements().next().get("logIndex").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aTenMegabyteEntryIsRefusedWith413(@TempDir Path data) throws Exception {
        try (HallmarkServer server = HallmarkServer.builder(data).overrides(ANY_PORT).start()) {
            HttpResponse<String> r = post(URI.create(server.urls().log() + "/api/v1/log/entries"), "x".repeat(10_000_000));
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).doesNotContain("Exception");
        }
    }

    @Test
    void everyStoreMovesToPostgresqlWithDatabaseUrl(@TempDir Path data) throws Exception {
        String schema = "hallmark_server_" + Long.toHexString(System.nanoTime());
        String admin = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        try (var c = java.sql.DriverManager.getConnection(admin); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        ConfigOverrides postgres = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                Optional.of(admin + "&currentSchema=" + schema), false);
        try {
            Signer client = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            try (HallmarkServer server = HallmarkServer.builder(data).overrides(postgres).start()) {
                assertThat(post(URI.create(server.urls().log() + "/api/v1/log/entries"), hashedRekord(client, "pg".getBytes())).statusCode()).isEqualTo(201);
            }
            assertThat(data.resolve("hallmark.db")).doesNotExist();
            try (HallmarkServer again = HallmarkServer.builder(data).overrides(postgres).start()) {
                JsonNode info = new ObjectMapper().readTree(get(URI.create(again.urls().log() + "/api/v1/log")).body());
                assertThat(info.get("treeSize").asLong()).isEqualTo(1);
            }
            try (var c = java.sql.DriverManager.getConnection(admin); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM " + schema + ".log_entries")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        } finally {
            try (var c = java.sql.DriverManager.getConnection(admin); var st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void tilesServedOverHttpRebuildTheCheckpointRootAndEveryProof(@TempDir Path data) throws Exception {
        try (HallmarkServer server = HallmarkServer.builder(data).overrides(ANY_PORT).start()) {
            URI log = server.urls().log();
            Signer client = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            int n = 300; // crosses a full level-0 tile
            for (int wave = 0; wave < n; wave += 50) { // 50 at a time, below the server's concurrency limit
                java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> adds = new java.util.ArrayList<>();
                for (int i = wave; i < wave + 50; i++) {
                    adds.add(http.sendAsync(HttpRequest.newBuilder(URI.create(log + "/api/v1/log/entries"))
                            .POST(HttpRequest.BodyPublishers.ofString(hashedRekord(client, ("entry " + i).getBytes()))).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                for (var add : adds) {
                    assertThat(add.get().statusCode()).isEqualTo(201);
                }
            }
            dev.hallmark.core.note.Checkpoint checkpoint = dev.hallmark.core.note.Checkpoint.parse(
                    SignedNote.parse(get(URI.create(log + "/checkpoint")).body()).text());
            assertThat(checkpoint.size()).isEqualTo(n);
            dev.hallmark.core.merkle.TileHashReader tiles = new dev.hallmark.core.merkle.TileHashReader(checkpoint.size(), tile -> {
                try {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(log + "/" + tile.path())).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    return r.statusCode() == 200 ? dev.hallmark.core.crypto.Bytes.of(r.body()) : null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(tiles.root()).isEqualTo(checkpoint.rootHash());
            for (long i = 0; i < n; i += 37) {
                JsonNode entry = new ObjectMapper().readTree(get(URI.create(log + "/api/v1/log/entries?logIndex=" + i)).body()).elements().next();
                dev.hallmark.core.crypto.Bytes body = dev.hallmark.core.crypto.Bytes.fromBase64(entry.get("body").asText());
                tiles.inclusionProof(i).verify(dev.hallmark.core.merkle.MerkleHash.leafHash(body), checkpoint.rootHash());
            }
        }
    }

    @Test
    void checkpointsCarryTheCosignaturesOfTheConfiguredWitnesses(@TempDir Path data) throws Exception {
        // First start creates the log key; the witness must know it before it cosigns anything.
        try (HallmarkServer first = HallmarkServer.builder(data).overrides(ANY_PORT).start()) {
            assertThat(first.urls().log().getHost()).isEqualTo("127.0.0.1");
        }
        Signer logKey = new FileKeyManager(data.resolve("keys")).signer(TransparencyLogService.KEY, SignatureAlgorithm.ECDSA_P256_SHA256);
        try (TestWitness witness = new TestWitness("witness.test", NoteVerifier.forLogKey("127.0.0.1", logKey.publicKey()),
                InstantSource.system(), Files.createDirectories(data.resolve("witness"))).start()) {
            Files.writeString(data.resolve("witnesses.policy"), witness.policyLine("w1") + "\nquorum w1\n");
            Path yaml = data.resolve("hallmark.yaml");
            String config = Files.readString(yaml);
            assertThat(config).contains("policyFile: null");
            Files.writeString(yaml, config.replace("policyFile: null", "policyFile: witnesses.policy"));

            try (HallmarkServer server = HallmarkServer.builder(data).overrides(ANY_PORT).start()) {
                URI log = server.urls().log();
                assertThat(post(URI.create(log + "/api/v1/log/entries"), hashedRekord(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256),
                        "cosigned".getBytes())).statusCode()).isEqualTo(201);
                SignedNote checkpoint = SignedNote.parse(get(URI.create(log + "/checkpoint")).body());
                assertThat(checkpoint.text()).contains("\n1\n");
                long cosignedAt = ((CosignatureVerifier) witness.vkey().verifier()).verify(checkpoint);
                assertThat(cosignedAt).isPositive();
                checkpoint.verify(java.util.List.of(NoteVerifier.forLogKey("127.0.0.1", logKey.publicKey())));
            }
        }
    }
}
