package dev.hallmark.server.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.trust.SigningConfigCodec;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.tsp.TimestampAuthority;
import dev.hallmark.core.tsp.TimestampRequests;
import dev.hallmark.core.tsp.TimestampVerifier;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA and TSA as `hallmark serve --dev` runs them: routes, error shapes and the trust material they publish. */
class CertificateAuthorityServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheCaAndTheTsaListedInTheTrustMaterial(@TempDir Path data) throws Exception {
        try (HallmarkServer server = HallmarkServer.builder(data)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), true)).start()) {
            String ca = server.urls().ca() + "/api/v2";
            JsonNode configuration = new ObjectMapper().readTree(get(ca + "/configuration").body());
            assertThat(configuration.get("issuers").findValuesAsText("issuerUrl"))
                    .containsExactly(server.urls().server() + "/oidc/github", server.urls().server() + "/oidc/gitlab");
            assertThat(get(ca + "/trustBundle").statusCode()).isEqualTo(200);

            // A token from nowhere: grpc-gateway InvalidArgument, never an internal message.
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(ca + "/signingCert"))
                    .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"publicKeyRequest\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(new ObjectMapper().readTree(refused.body()).get("code").asInt()).isEqualTo(3);
            assertThat(refused.body()).doesNotContain("Exception");

            TrustedRoot root = TrustedRootCodec.parse(Files.readAllBytes(data.resolve("trust/trusted_root.json")));
            assertThat(root.certificateAuthorities()).singleElement().extracting(CertificateAuthorityInfo::uri).isEqualTo(server.urls().ca().toString());
            assertThat(SigningConfigCodec.parse(Files.readAllBytes(data.resolve("trust/signing_config.json")))
                    .selectTsas(java.time.Instant.now(), List.of(1))).singleElement()
                    .satisfies(s -> assertThat(s.url()).isEqualTo(server.urls().tsa() + "/api/v1/timestamp"));

            // An RFC 3161 request over HTTP; the reply verifies against the TSA the trusted root lists.
            Bytes signature = Bytes.utf8("a signature to stamp");
            HttpResponse<byte[]> stamped = http.send(HttpRequest.newBuilder(URI.create(server.urls().tsa() + "/api/v1/timestamp"))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TimestampRequests.create(Digest.sha256(signature.toArray()), true).toArray()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(stamped.statusCode()).isEqualTo(200);
            assertThat(stamped.headers().firstValue("Content-Type")).contains("application/timestamp-reply");
            CertificateAuthorityInfo tsa = root.timestampAuthorities().get(0);
            List<java.security.cert.X509Certificate> chain = new ArrayList<>();
            for (Bytes der : tsa.certChain()) {
                chain.add(Certificates.parseDer(der));
            }
            TimestampVerifier verifier = TimestampVerifier.create(List.of(new TimestampAuthority(chain, tsa.validFor().start(), tsa.validFor().end())));
            assertThat(verifier.verify(Bytes.of(stamped.body()), signature).genTime()).isNotNull();
            assertThat(get(server.urls().tsa() + "/api/v1/timestamp/certchain").body()).contains("BEGIN CERTIFICATE");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
