package dev.hallmark.server.ca;

import static dev.hallmark.server.ca.LocalIssuers.githubClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hallmark.ca.keys.SignerContentSigner;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.core.x509.FulcioExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4's token attacks against {@code POST /ca/api/v2/signingCert} of a running server whose issuers come from
 * hallmark.yaml: each is refused with 400, gRPC InvalidArgument, a message naming the problem and a google.rpc.ErrorInfo
 * whose reason (and, for tokens, {@code tokenCheck}) names the check. The API-level cases with their typed reasons
 * are in hallmark-ca's FederatedTokenVerifierTest and FulcioApiTest; this proves the same over HTTP.
 */
class SigningCertOverHttpTest {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Signer SUBJECT = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private static final Signer OTHER_KEY = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    /** More than KeySetCache's 30-second minimum between two fetches of one issuer's keys. */
    private static final Duration PAST_REFRESH_INTERVAL = Duration.ofMinutes(1);

    @TempDir
    static Path data;
    static LocalIssuers issuers;
    static MovableClock clock;
    static HallmarkServer server;

    /** One request that must be refused; {@code jwksFetches} is checked when the refusal must come before any key use. */
    record Attack(String name, Preparation prepare, RequestBody body, String reason, Optional<String> tokenCheck,
                  String messagePart, OptionalInt jwksFetches) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Preparation {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface RequestBody {
        byte[] build() throws Exception;
    }

    /** A clock the test moves: the server's CA and token checks read it. */
    static final class MovableClock implements InstantSource {
        private volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        issuers = new LocalIssuers();
        clock = new MovableClock();
        Files.writeString(data.resolve("hallmark.yaml"), """
                oidc:
                  issuers:
                    - type: github-workflow
                      url: %s
                      audience: sigstore
                    - type: github-workflow
                      wildcardUrl: %s
                      audience: sigstore
                    - type: ci-provider
                      url: %s
                      audience: sigstore
                      claimMapping:
                        subjectAlternativeNameTemplate: "{{ .url }}/{{ .org }}/{{pipeline}}"
                        extensionTemplates:
                          buildSignerURI: "{{url}}/{{org}}/{{pipeline}}"
                          sourceRepositoryURI: "{{url}}/{{repository}}"
                          sourceRepositoryDigest: commit
                          sourceRepositoryRef: "refs/heads/{{branch}}"
                          buildTrigger: trigger
                          runInvocationURI: "{{url}}/{{org}}/runs/{{run}}"
                          runnerEnvironment: runner
                        defaultTemplateValues:
                          url: https://builds.ci.example
                          runner: self-hosted
                """.formatted(gh(), issuers.url("/tenants/*/gh"), issuers.url("/ci")));
        server = HallmarkServer.builder(data).clock(clock).accessLog(line -> { })
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), false))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        issuers.close();
    }

    static String gh() {
        return issuers.url("/gh");
    }

    static ObjectNode claims() {
        return githubClaims(gh(), clock.instant());
    }

    static String subject() {
        return claims().get("sub").textValue();
    }

    static byte[] publicKeyRequest(String token, Signer key, String signed) {
        ObjectNode root = Json.object();
        root.putObject("credentials").put("oidcIdentityToken", token);
        ObjectNode request = root.putObject("publicKeyRequest");
        request.putObject("publicKey").put("algorithm", "ECDSA").put("content", Keys.toPem(key.publicKey()));
        request.put("proofOfPossession", key.sign(Bytes.utf8(signed)).base64());
        return Json.write(root);
    }

    static byte[] validRequest(ObjectNode claims) {
        return publicKeyRequest(issuers.mint(claims), SUBJECT, claims.get("sub").textValue());
    }

    static HttpResponse<String> post(byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.urls().ca() + "/api/v2/signingCert"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static ObjectNode with(ObjectNode claims, String name, long value) {
        claims.put(name, value);
        return claims;
    }

    static Stream<Attack> attacks() {
        OptionalInt noFetch = OptionalInt.of(0);
        OptionalInt unchecked = OptionalInt.empty();
        Preparation none = () -> { };
        return Stream.of(
                new Attack("expired", none, () -> {
                    long now = clock.instant().getEpochSecond();
                    ObjectNode c = with(with(with(claims(), "iat", now - 1200), "nbf", now - 1200), "exp", now - 300);
                    return validRequest(c);
                }, "INVALID_TOKEN", Optional.of("EXPIRED"), "expired", unchecked),
                new Attack("not yet valid", none, () -> validRequest(with(with(claims(), "nbf",
                        clock.instant().getEpochSecond() + 300), "exp", clock.instant().getEpochSecond() + 900)),
                        "INVALID_TOKEN", Optional.of("NOT_YET_VALID"), "not yet valid", unchecked),
                new Attack("wrong audience", none, () -> validRequest(claims().put("aud", "npm:registry")),
                        "INVALID_TOKEN", Optional.of("WRONG_AUDIENCE"), "audience", unchecked),
                new Attack("unknown issuer", none, () -> validRequest(githubClaims(issuers.url("/stranger"), clock.instant())),
                        "INVALID_TOKEN", Optional.of("UNKNOWN_ISSUER"), "issuer is not configured", noFetch),
                new Attack("configured issuer as a prefix", none, () -> validRequest(githubClaims(gh() + "x", clock.instant())),
                        "INVALID_TOKEN", Optional.of("UNKNOWN_ISSUER"), "issuer is not configured", noFetch),
                new Attack("configured issuer as a suffix", none, () -> validRequest(githubClaims(
                        issuers.url("/x/") + gh(), clock.instant())),
                        "INVALID_TOKEN", Optional.of("UNKNOWN_ISSUER"), "issuer is not configured", noFetch),
                new Attack("alg none", none, () -> publicKeyRequest(B64URL.encodeToString(
                        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                        + B64URL.encodeToString(Json.write(claims())) + ".", SUBJECT, subject()),
                        "INVALID_TOKEN", Optional.of("UNSUPPORTED_ALGORITHM"), "algorithm", noFetch),
                new Attack("HS256 with the public key as secret", none, () -> {
                    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuers.keyId()).build(),
                            JWTClaimsSet.parse(new String(Json.write(claims()), StandardCharsets.UTF_8)));
                    forged.sign(new MACSigner(Keys.spki(issuers.key.publicKey()).toArray()));
                    return publicKeyRequest(forged.serialize(), SUBJECT, subject());
                }, "INVALID_TOKEN", Optional.of("UNSUPPORTED_ALGORITHM"), "algorithm", noFetch),
                new Attack("bad signature", none, () -> {
                    String[] parts = issuers.mint(claims()).split("\\.");
                    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
                    signature[7] ^= 0x01;
                    return publicKeyRequest(parts[0] + "." + parts[1] + "." + B64URL.encodeToString(signature), SUBJECT, subject());
                }, "INVALID_TOKEN", Optional.of("BAD_SIGNATURE"), "signature does not verify", unchecked),
                new Attack("unknown kid after refresh", () -> {
                    assertThat(post(validRequest(claims())).statusCode()).as("keys cached by a valid request").isEqualTo(200);
                    clock.advance(PAST_REFRESH_INTERVAL);
                }, () -> publicKeyRequest(LocalIssuers.mint(OTHER_KEY, claims()), SUBJECT, subject()),
                        "INVALID_TOKEN", Optional.of("UNKNOWN_KEY"), "no key with this kid", OptionalInt.of(1)),
                new Attack("oversized token", none, () -> validRequest(claims().put("padding", "x".repeat(66_000))),
                        "INVALID_TOKEN", Optional.of("TOO_LARGE"), "token longer than", noFetch),
                new Attack("missing required claim", none, () -> {
                    ObjectNode c = claims();
                    c.remove("job_workflow_ref");
                    return validRequest(c);
                }, "INVALID_TOKEN", Optional.of("MISSING_CLAIM"), "missing claim job_workflow_ref", unchecked),
                new Attack("proof of possession over another subject", none, () -> publicKeyRequest(issuers.mint(claims()),
                        SUBJECT, "repo:victim/repo:ref:refs/heads/main"),
                        "INVALID_PROOF_OF_POSSESSION", Optional.empty(), "proof of possession does not verify", unchecked),
                new Attack("CSR naming another key than the one that signed it", none, () -> {
                    byte[] csr = new PKCS10CertificationRequestBuilder(new X500Name("CN=ignored"),
                            SubjectPublicKeyInfo.getInstance(SUBJECT.publicKey().getEncoded()))
                            .build(new SignerContentSigner(OTHER_KEY)).getEncoded();
                    ObjectNode root = Json.object();
                    root.putObject("credentials").put("oidcIdentityToken", issuers.mint(claims()));
                    root.put("certificateSigningRequest", Bytes.utf8(Keys.pem("CERTIFICATE REQUEST", csr)).base64());
                    return Json.write(root);
                }, "INVALID_PROOF_OF_POSSESSION", Optional.empty(), "certificate request signature does not verify", unchecked));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusedWithAClearReason(Attack attack) throws Exception {
        attack.prepare().run();
        int fetchesBefore = issuers.jwksFetches("/gh");
        HttpResponse<String> response = post(attack.body().build());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.body().getBytes(StandardCharsets.UTF_8), 1 << 16);
        assertThat(error.path("code").asInt()).as("gRPC InvalidArgument").isEqualTo(3);
        assertThat(error.path("message").asText()).contains(attack.messagePart()).doesNotContain("Exception");
        JsonNode info = error.path("details").path(0);
        assertThat(info.path("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(info.path("reason").asText()).isEqualTo(attack.reason());
        assertThat(Optional.ofNullable(info.path("metadata").get("tokenCheck")).map(JsonNode::asText))
                .isEqualTo(attack.tokenCheck());
        attack.jwksFetches().ifPresent(n -> assertThat(issuers.jwksFetches("/gh") - fetchesBefore)
                .as("fetches of the issuer's keys").isEqualTo(n));
        assertThat(issuers.jwksFetches("/stranger") + issuers.jwksFetches("/ghx")).as("unconfigured issuers never fetched").isZero();
    }

    @Test
    void aCiProviderClaimMappingFromTheYamlShapesTheIssuedCertificate() throws Exception {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.object().put("iss", issuers.url("/ci")).put("aud", "sigstore").put("iat", now)
                .put("exp", now + 600).put("sub", "pipeline:acme/release").put("org", "acme").put("pipeline", "release")
                .put("repository", "acme/widget").put("commit", "89abcdef0123456789abcdef0123456789abcdef")
                .put("branch", "main").put("trigger", "tag").put("run", 4711);
        HttpResponse<String> response = post(validRequest(claims));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        X509Certificate leaf = leafOf(response);

        String san = "https://builds.ci.example/acme/release";
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, san));
        Map<FulcioExtension, String> expected = new EnumMap<>(FulcioExtension.class);
        expected.put(FulcioExtension.ISSUER_V1, issuers.url("/ci"));
        expected.put(FulcioExtension.ISSUER, issuers.url("/ci"));
        expected.put(FulcioExtension.BUILD_SIGNER_URI, san);
        expected.put(FulcioExtension.RUNNER_ENVIRONMENT, "self-hosted");
        expected.put(FulcioExtension.SOURCE_REPOSITORY_URI, "https://builds.ci.example/acme/widget");
        expected.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, "89abcdef0123456789abcdef0123456789abcdef");
        expected.put(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/main");
        expected.put(FulcioExtension.BUILD_TRIGGER, "tag");
        expected.put(FulcioExtension.RUN_INVOCATION_URI, "https://builds.ci.example/acme/runs/4711");
        expected.put(FulcioExtension.TOKEN_SUBJECT, "pipeline:acme/release");
        for (FulcioExtension extension : FulcioExtension.values()) {
            assertThat(oidValue(leaf, extension)).as(extension.oid()).isEqualTo(Optional.ofNullable(expected.get(extension)));
        }
    }

    @Test
    void aWildcardIssuerFromTheYamlAdmitsOneTenantLabelOnly() throws Exception {
        String acme = issuers.url("/tenants/acme/gh");
        HttpResponse<String> admitted = post(validRequest(githubClaims(acme, clock.instant())));
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
        assertThat(oidValue(leafOf(admitted), FulcioExtension.ISSUER)).contains(acme);
        assertThat(issuers.jwksFetches("/tenants/acme/gh")).as("keys from the tenant itself").isEqualTo(1);

        for (String path : List.of("/tenants/a/b/gh", "/tenants//gh", "/tenants/acme/gh/x", "/tenants/a.b/gh")) {
            HttpResponse<String> refused = post(validRequest(githubClaims(issuers.url(path), clock.instant())));
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(Json.parse(refused.body().getBytes(StandardCharsets.UTF_8), 1 << 16)
                    .path("details").path(0).path("metadata").path("tokenCheck").asText()).as(path).isEqualTo("UNKNOWN_ISSUER");
            assertThat(issuers.jwksFetches(path)).as(path).isZero();
        }
        JsonNode configuration = Json.parse(HTTP.send(HttpRequest.newBuilder(URI.create(server.urls().ca()
                + "/api/v2/configuration")).build(), HttpResponse.BodyHandlers.ofByteArray()).body(), 1 << 16);
        assertThat(configuration.path("issuers").findValuesAsText("wildcardIssuerUrl"))
                .containsExactly(issuers.url("/tenants/*/gh"));
    }

    private static X509Certificate leafOf(HttpResponse<String> response) throws Exception {
        JsonNode certificates = Json.parse(response.body().getBytes(StandardCharsets.UTF_8), 1 << 20)
                .path("signedCertificateEmbeddedSct").path("chain").path("certificates");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certificates.path(0).asText().getBytes(StandardCharsets.US_ASCII)));
    }

    /** An extension's value as BouncyCastle reads it from the certificate's bytes (raw for 1.1–1.6, else UTF8String). */
    private static Optional<String> oidValue(X509Certificate certificate, FulcioExtension extension) {
        byte[] extnValue = certificate.getExtensionValue(extension.oid());
        if (extnValue == null) {
            return Optional.empty();
        }
        byte[] content = ASN1OctetString.getInstance(extnValue).getOctets();
        return Optional.of(extension.encoding() == FulcioExtension.Encoding.RAW
                ? new String(content, StandardCharsets.UTF_8) : ASN1UTF8String.getInstance(content).getString());
    }
}
