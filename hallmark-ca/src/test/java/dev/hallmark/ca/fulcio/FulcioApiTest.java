package dev.hallmark.ca.fulcio;

import static dev.hallmark.ca.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.api.CaApiResponse;
import dev.hallmark.ca.keys.SignerContentSigner;
import dev.hallmark.ca.testing.Fixtures;
import dev.hallmark.ca.testing.TestCtLog;
import dev.hallmark.ca.testing.TestTokens;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.FulcioCertificate;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class FulcioApiTest {
    private final TestTokens tokens = new TestTokens(NOW);
    private final FulcioApi api = new FulcioApi(tokens, Fixtures.ca(new TestCtLog(NOW)));
    private final Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final String githubToken = tokens.sign(Fixtures.githubClaims());
    private final String subject = Fixtures.githubClaims().get("sub").asText();

    private static Bytes body(JsonNode node) {
        return Bytes.of(Json.write(node));
    }

    private ObjectNode publicKeyRequest(Optional<String> token, Signer signer, String signed) {
        ObjectNode root = Json.object();
        token.ifPresent(t -> root.putObject("credentials").put("oidcIdentityToken", t));
        ObjectNode request = root.putObject("publicKeyRequest");
        request.putObject("publicKey").put("algorithm", "ECDSA").put("content", Keys.toPem(signer.publicKey()));
        request.put("proofOfPossession", signer.sign(Bytes.utf8(signed)).base64());
        return root;
    }

    private ObjectNode csrRequest(String token, byte[] csrDer) {
        ObjectNode root = Json.object();
        root.putObject("credentials").put("oidcIdentityToken", token);
        root.put("certificateSigningRequest", Bytes.utf8(Keys.pem("CERTIFICATE REQUEST", csrDer)).base64());
        return root;
    }

    private static byte[] csr(Signer keyInRequest, Signer signingKey) throws Exception {
        return new PKCS10CertificationRequestBuilder(new X500Name("CN=ignored"),
                SubjectPublicKeyInfo.getInstance(keyInRequest.publicKey().getEncoded()))
                .build(new SignerContentSigner(signingKey)).getEncoded();
    }

    private static List<X509Certificate> chainOf(CaApiResponse response) throws Exception {
        JsonNode certificates = Json.parse(response.body().toArray(), 1 << 20)
                .path("signedCertificateEmbeddedSct").path("chain").path("certificates");
        StringBuilder pem = new StringBuilder();
        certificates.forEach(c -> pem.append(c.asText()));
        return Certificates.parsePemChain(pem.toString());
    }

    /** 400 InvalidArgument with one google.rpc.ErrorInfo; returns its reason and, for a refused token, the check. */
    private static List<String> assertInvalidArgument(CaApiResponse response) throws Exception {
        assertThat(response.status()).isEqualTo(400);
        JsonNode error = Json.parse(response.body().toArray(), 4096);
        assertThat(error.path("code").asInt()).isEqualTo(3);
        assertThat(error.path("details").size()).isEqualTo(1);
        JsonNode info = error.path("details").path(0);
        assertThat(info.path("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(info.path("domain").asText()).isEqualTo(CaApiResponse.ERROR_DOMAIN);
        assertThat(IssuanceException.Reason.valueOf(info.path("reason").asText()).clientError()).isTrue();
        JsonNode check = info.path("metadata").path("tokenCheck");
        return check.isMissingNode() ? List.of(info.path("reason").asText()) : List.of(info.path("reason").asText(), check.asText());
    }

    @Test
    void issuesAnEmbeddedSctChainForATokenInTheBody() throws Exception {
        CaApiResponse response = api.signingCert(body(publicKeyRequest(Optional.of(githubToken), key, subject)), Optional.empty());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(CaApiResponse.JSON);
        List<X509Certificate> chain = chainOf(response);
        assertThat(chain).hasSize(3);
        assertThat(chain.subList(1, 3)).containsExactly(Fixtures.chain().intermediate(), Fixtures.chain().root());
        assertThat(chain.getFirst().getPublicKey()).isEqualTo(key.publicKey());
        assertThat(FulcioCertificate.parse(chain.getFirst()).sourceRepositoryUri()).contains("https://github.com/microsoft/playwright-cli");
    }

    @Test
    void acceptsTheTokenAsABearerHeader() throws Exception {
        CaApiResponse response = api.signingCert(body(publicKeyRequest(Optional.empty(), key, subject)),
                Optional.of("Bearer " + githubToken));
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void emailIssuersSignTheEmailClaim() throws Exception {
        String token = tokens.sign(Fixtures.emailClaims());
        assertThat(api.signingCert(body(publicKeyRequest(Optional.of(token), key, "dev@example.com")), Optional.empty()).status())
                .isEqualTo(200);
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(token), key, "1234567890")), Optional.empty()));
    }

    @Test
    void proofOfPossessionOverAnotherSubjectIsRefused() throws Exception {
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(githubToken), key, "repo:evil/repo:ref:refs/heads/main")),
                Optional.empty()));
    }

    @Test
    void proofOfPossessionByAnotherKeyIsRefused() throws Exception {
        ObjectNode request = publicKeyRequest(Optional.of(githubToken), key, subject);
        Signer other = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        ((ObjectNode) request.get("publicKeyRequest")).put("proofOfPossession", other.sign(Bytes.utf8(subject)).base64());
        assertInvalidArgument(api.signingCert(body(request), Optional.empty()));
    }

    @Test
    void csrSelfSignatureIsTheProofOfPossession() throws Exception {
        Signer rsa = Signer.generate(SignatureAlgorithm.RSA_PKCS1V15_SHA256);
        CaApiResponse response = api.signingCert(body(csrRequest(githubToken, csr(rsa, rsa))), Optional.empty());
        assertThat(response.status()).isEqualTo(200);
        assertThat(chainOf(response).getFirst().getPublicKey()).isEqualTo(rsa.publicKey());
        assertThat(api.signingCert(body(csrRequest(githubToken, csr(key, key))), Optional.empty()).status()).isEqualTo(200);
    }

    @Test
    void csrWithAMismatchedKeyIsRefused() throws Exception {
        Signer other = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertInvalidArgument(api.signingCert(body(csrRequest(githubToken, csr(key, other))), Optional.empty()));
    }

    @Test
    void tamperedCsrIsRefused() throws Exception {
        byte[] der = csr(key, key);
        int at = new String(der, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("ignored");
        der[at] ^= 0x20;
        assertInvalidArgument(api.signingCert(body(csrRequest(githubToken, der)), Optional.empty()));
        assertInvalidArgument(api.signingCert(body(csrRequest(githubToken, new byte[] {0x30, 0x00})), Optional.empty()));
    }

    @Test
    void weakRsaKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair pair = generator.generateKeyPair();
        Signer weak = Signer.of(pair.getPrivate(), pair.getPublic(), SignatureAlgorithm.RSA_PKCS1V15_SHA256);
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(githubToken), weak, subject)), Optional.empty()));
        assertInvalidArgument(api.signingCert(body(csrRequest(githubToken, csr(weak, weak))), Optional.empty()));
    }

    @Test
    void tokenProblemsAreInvalidArgument() throws Exception {
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.empty(), key, subject)), Optional.empty()));
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(githubToken + "x"), key, subject)), Optional.empty()));
        ObjectNode unknown = Fixtures.githubClaims().put("iss", "https://token.actions.githubusercontent.com.evil");
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(tokens.sign(unknown)), key, subject)), Optional.empty()));
        assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.empty(), key, subject)), Optional.of("Basic abc")));
    }

    @Test
    void theErrorInfoNamesTheTypedReason() throws Exception {
        ObjectNode unknown = Fixtures.githubClaims().put("iss", "https://token.actions.githubusercontent.com.evil");
        assertThat(assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(tokens.sign(unknown)), key, subject)),
                Optional.empty()))).containsExactly("INVALID_TOKEN", "UNKNOWN_ISSUER");
        assertThat(assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.empty(), key, subject)), Optional.empty())))
                .containsExactly("INVALID_TOKEN");
        assertThat(assertInvalidArgument(api.signingCert(body(publicKeyRequest(Optional.of(githubToken), key, "someone else")),
                Optional.empty()))).containsExactly("INVALID_PROOF_OF_POSSESSION");
        assertThat(assertInvalidArgument(api.signingCert(Bytes.utf8("{"), Optional.empty()))).containsExactly("MALFORMED_REQUEST");
    }

    @Test
    void malformedRequestsAreInvalidArgument() throws Exception {
        assertInvalidArgument(api.signingCert(Bytes.utf8("{"), Optional.empty()));
        assertInvalidArgument(api.signingCert(Bytes.utf8("[]"), Optional.empty()));
        ObjectNode both = publicKeyRequest(Optional.of(githubToken), key, subject);
        both.put("certificateSigningRequest", Bytes.utf8("x").base64());
        assertInvalidArgument(api.signingCert(body(both), Optional.empty()));
        ObjectNode noProof = publicKeyRequest(Optional.of(githubToken), key, subject);
        ((ObjectNode) noProof.get("publicKeyRequest")).remove("proofOfPossession");
        assertInvalidArgument(api.signingCert(body(noProof), Optional.empty()));
    }

    @Test
    void oversizedBodyIs413() {
        CaApiResponse response = api.signingCert(Bytes.of(new byte[FulcioApi.MAX_BODY_BYTES + 1]), Optional.empty());
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void ctLogFailureIsInternal() throws Exception {
        FulcioApi down = new FulcioApi(tokens, Fixtures.ca(new TestCtLog(NOW).failing()));
        CaApiResponse response = down.signingCert(body(publicKeyRequest(Optional.of(githubToken), key, subject)), Optional.empty());
        assertThat(response.status()).isEqualTo(500);
        JsonNode error = Json.parse(response.body().toArray(), 4096);
        assertThat(error.path("code").asInt()).isEqualTo(13);
        assertThat(error.path("message").asText()).doesNotContain("log unavailable");
    }

    @Test
    void trustBundleListsIntermediateThenRoot() throws Exception {
        JsonNode bundle = Json.parse(api.trustBundle().body().toArray(), 1 << 16);
        JsonNode certificates = bundle.path("chains").path(0).path("certificates");
        assertThat(certificates).hasSize(2);
        assertThat(Certificates.parsePemChain(certificates.get(0).asText() + certificates.get(1).asText()))
                .containsExactly(Fixtures.chain().intermediate(), Fixtures.chain().root());
    }

    @Test
    void configurationAnnouncesTheIssuers() throws Exception {
        JsonNode config = Json.parse(FulcioApi.configuration(TestTokens.ISSUERS).body().toArray(), 1 << 16);
        assertThat(config.path("issuers")).hasSize(3);
        assertThat(Json.write(config.path("issuers").get(0))).asString()
                .isEqualTo("{\"issuerUrl\":\"https://token.actions.githubusercontent.com\",\"audience\":\"sigstore\","
                        + "\"challengeClaim\":\"sub\",\"issuerType\":\"github-workflow\"}");
        assertThat(config.path("issuers").get(2).path("challengeClaim").asText()).isEqualTo("email");
    }
}
