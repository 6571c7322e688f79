package dev.hallmark.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CT log as `hallmark serve` runs it (the RFC 6962 API itself is tested in hallmark-log). */
class CertificateTransparencyServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesAnRfc6962LogListedInTheTrustedRoot(@TempDir Path data) throws Exception {
        try (HallmarkServer server = HallmarkServer.builder(data)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), false)).start()) {
            String ct = server.urls().ct() + "/ct/v1";
            HttpResponse<String> sth = http.send(HttpRequest.newBuilder(URI.create(ct + "/get-sth")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sth.statusCode()).as(sth.body()).isEqualTo(200);
            JsonNode head = new ObjectMapper().readTree(sth.body());
            assertThat(head.get("tree_size").asLong()).isZero();

            TrustedRoot root = TrustedRootCodec.parse(Files.readAllBytes(data.resolve("trust/trusted_root.json")));
            assertThat(root.ctlogs()).singleElement().satisfies(log -> {
                assertThat(log.baseUrl()).isEqualTo(server.urls().ct().toString());
                assertThat(log.publicKey().keyDetails()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
            });
            assertThat(root.tlogs()).hasSize(1);
            assertThat(root.ctlogs().get(0).logId()).isNotEqualTo(root.tlogs().get(0).logId());

            // A malformed chain is refused; the accepted root is this instance's CA root.
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(ct + "/add-chain"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"chain\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            HttpResponse<String> roots = http.send(HttpRequest.newBuilder(URI.create(ct + "/get-roots")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(roots.body()).get("certificates")).singleElement()
                    .satisfies(c -> assertThat(dev.hallmark.core.crypto.Bytes.fromBase64(c.asText()))
                            .isEqualTo(root.certificateAuthorities().get(0).certChain().get(1)));
            assertThat(Keys.publicKeyFromDer(root.ctlogs().get(0).publicKey().rawBytes())).isNotNull();
        }
    }
}
