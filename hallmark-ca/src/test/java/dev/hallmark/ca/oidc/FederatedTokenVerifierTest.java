package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.BAD_SIGNATURE;
import static dev.hallmark.ca.oidc.TokenException.Reason.EMAIL_NOT_VERIFIED;
import static dev.hallmark.ca.oidc.TokenException.Reason.EXPIRED;
import static dev.hallmark.ca.oidc.TokenException.Reason.ISSUED_IN_FUTURE;
import static dev.hallmark.ca.oidc.TokenException.Reason.MALFORMED;
import static dev.hallmark.ca.oidc.TokenException.Reason.MISSING_CLAIM;
import static dev.hallmark.ca.oidc.TokenException.Reason.NOT_YET_VALID;
import static dev.hallmark.ca.oidc.TokenException.Reason.TOO_LARGE;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNKNOWN_ISSUER;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNKNOWN_KEY;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNSUPPORTED_ALGORITHM;
import static dev.hallmark.ca.oidc.TokenException.Reason.WRONG_AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every token attack of issue 4, each refused with its reason; keys always come over real HTTP from 127.0.0.1. */
class FederatedTokenVerifierTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Signer KEY = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private static final Signer OTHER_KEY = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private OidcTestServer server;
    private TestClock clock;
    private String issuer;
    private DevGithubIssuer github;
    private FederatedTokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        server = new OidcTestServer();
        clock = new TestClock(T0);
        issuer = server.base() + "/oidc/github";
        github = new DevGithubIssuer(KEY, issuer, clock);
        server.serveIssuer("/oidc/github", github::discovery, github::jwks);
        verifier = verifierFor(new IssuerConfig(Optional.of(issuer), Optional.empty(), "sigstore",
                IssuerType.GITHUB_WORKFLOW, "sub"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FederatedTokenVerifier verifierFor(IssuerConfig... issuers) {
        return new FederatedTokenVerifier(List.of(issuers), HttpKeySetSource.withDefaults(), clock);
    }

    private String devToken(String claimsJson, String audience) throws Exception {
        ObjectNode job = OidcJson.readObject(github.createJob(claimsJson.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return OidcJson.readObject(github.token(job.get("requestToken").textValue(), audience).getBytes(
                StandardCharsets.UTF_8)).get("value").textValue();
    }

    /** GitHub-shaped claims for {@code iss}, valid at T0 for ten minutes. */
    private static ObjectNode claims(String iss) {
        return TestTokens.valid(iss, T0);
    }

    private String mint(Signer key, ObjectNode claims) {
        return new JwtMinter(key, issuer).mint(claims);
    }

    private TokenException.Reason refusal(FederatedTokenVerifier v, String token) {
        TokenException e = catchThrowableOfType(TokenException.class, () -> v.verify(token));
        assertThat(e).as("token must be refused").isNotNull();
        return e.reason();
    }

    private TokenException.Reason refusal(String token) {
        return refusal(verifier, token);
    }

    @Test
    void devGithubTokenVerifies() throws Exception {
        String token = devToken("{\"repository\":\"acme/widget\",\"ref\":\"refs/tags/v1.2.3\"}", "sigstore");
        VerifiedToken verified = verifier.verify(token);
        assertThat(verified.issuer().url()).contains(issuer);
        assertThat(verified.issuerUrl()).isEqualTo(issuer);
        assertThat(verified.subject()).isEqualTo("repo:acme/widget:ref:refs/tags/v1.2.3");
        assertThat(verified.claim("job_workflow_ref")).contains("acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3");
        assertThat(verified.expiresAt()).isEqualTo(T0.plus(DevGithubIssuer.TOKEN_LIFETIME));
    }

    @Test
    void expired() throws Exception {
        String token = devToken("{}", "sigstore");
        clock.advance(DevGithubIssuer.TOKEN_LIFETIME.plus(FederatedTokenVerifier.CLOCK_SKEW));
        assertThat(refusal(token)).isEqualTo(EXPIRED);
    }

    @Test
    void expiredButWithinSkewIsAccepted() throws Exception {
        String token = devToken("{}", "sigstore");
        clock.advance(DevGithubIssuer.TOKEN_LIFETIME.plusSeconds(59));
        assertThat(verifier.verify(token).subject()).startsWith("repo:");
    }

    @Test
    void notYetValid() throws Exception {
        String token = devToken("{}", "sigstore");
        clock.set(T0.minus(FederatedTokenVerifier.CLOCK_SKEW).minusSeconds(1));
        assertThat(refusal(token)).isEqualTo(NOT_YET_VALID);
    }

    @Test
    void issuedInFuture() {
        ObjectNode claims = claims(issuer);
        claims.remove("nbf");
        claims.put("iat", T0.plusSeconds(120).getEpochSecond());
        assertThat(refusal(mint(KEY, claims))).isEqualTo(ISSUED_IN_FUTURE);
    }

    @Test
    void wrongAudience() throws Exception {
        assertThat(refusal(devToken("{}", "npm:registry.npmjs.org"))).isEqualTo(WRONG_AUDIENCE);
        ObjectNode claims = claims(issuer);
        claims.putArray("aud").add("other").add("sigstore");
        assertThat(verifier.verify(mint(KEY, claims)).subject()).isNotEmpty();
        claims.putArray("aud").add("other");
        assertThat(refusal(mint(KEY, claims))).isEqualTo(WRONG_AUDIENCE);
    }

    @Test
    void unknownIssuer() throws Exception {
        DevGithubIssuer stranger = new DevGithubIssuer(KEY, server.base() + "/oidc/stranger", clock);
        server.serveIssuer("/oidc/stranger", stranger::discovery, stranger::jwks);
        ObjectNode job = OidcJson.readObject(stranger.createJob(new byte[0]).getBytes(StandardCharsets.UTF_8));
        String token = OidcJson.readObject(stranger.token(job.get("requestToken").textValue(), "sigstore")
                .getBytes(StandardCharsets.UTF_8)).get("value").textValue();
        assertThat(refusal(token)).isEqualTo(UNKNOWN_ISSUER);
        assertThat(server.hits("/oidc/stranger/.well-known/openid-configuration")).isZero();
    }

    @Test
    void issuerMatchingOnlyAsPrefixOrSuffixIsUnknown() {
        AtomicReference<String> fetched = new AtomicReference<>();
        FederatedTokenVerifier strict = new FederatedTokenVerifier(List.of(new IssuerConfig(
                Optional.of("https://a.example"), Optional.empty(), "sigstore", IssuerType.GITHUB_WORKFLOW, "sub")),
                iss -> {
                    fetched.set(iss);
                    throw new TokenException(TokenException.Reason.ISSUER_UNREACHABLE, "no network in this test");
                }, clock);
        for (String iss : List.of("https://a.example.evil", "http://x/https://a.example", "https://a.example/",
                "https://a.example/x", "https://evil.a.example", "https://A.example", "http://a.example",
                "https://a.example:443")) {
            assertThat(refusal(strict, mint(KEY, claims(iss)))).as(iss).isEqualTo(UNKNOWN_ISSUER);
        }
        assertThat(fetched).hasNullValue();
    }

    @Test
    void algNone() throws Exception {
        String unsigned = new PlainJWT(JWTClaimsSet.parse(Map.of("iss", issuer, "aud", "sigstore", "sub", "x")))
                .serialize();
        assertThat(refusal(unsigned)).isEqualTo(UNSUPPORTED_ALGORITHM);
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"None\"}".getBytes(StandardCharsets.UTF_8));
        String payload = mint(KEY, claims(issuer)).split("\\.")[1];
        assertThat(refusal(b64 + "." + payload + ".")).isEqualTo(UNSUPPORTED_ALGORITHM);
        assertThat(server.hits("/oidc/github/.well-known/jwks")).isZero();
    }

    @Test
    void hs256WithThePublicKeyAsSecret() throws Exception {
        JWTClaimsSet claims = JWTClaimsSet.parse(OidcJson.write(claims(issuer)));
        String kid = new JwtMinter(KEY, issuer).keyId();
        for (byte[] secret : List.of(Keys.spki(KEY.publicKey()).toArray(),
                github.jwks().getBytes(StandardCharsets.UTF_8), Keys.toPem(KEY.publicKey()).getBytes())) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
            forged.sign(new MACSigner(secret));
            assertThat(refusal(forged.serialize())).isEqualTo(UNSUPPORTED_ALGORITHM);
        }
        assertThat(server.hits("/oidc/github/.well-known/jwks")).as("keys never touched").isZero();
    }

    @Test
    void badSignature() throws Exception {
        String token = devToken("{}", "sigstore");
        String[] parts = token.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[5] ^= 1;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertThat(refusal(flipped)).isEqualTo(BAD_SIGNATURE);

        ObjectNode changed = claims(issuer);
        changed.put("repository", "victim/repo");
        String swapped = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(OidcJson.write(changed).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(refusal(swapped)).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void anotherKeyUnderTheIssuersKidIsABadSignature() throws Exception {
        // an attacker key, named with the issuer's kid and also embedded as a header jwk: only the JWKS counts
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(new JwtMinter(KEY, issuer).keyId()).jwk(attacker.toPublicJWK()).build(),
                JWTClaimsSet.parse(OidcJson.write(claims(issuer))));
        forged.sign(new ECDSASigner(attacker));
        assertThat(refusal(forged.serialize())).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void unknownKidAfterRefresh() throws Exception {
        assertThat(verifier.verify(devToken("{}", "sigstore")).subject()).isNotEmpty();
        assertThat(server.hits("/oidc/github/.well-known/jwks")).isEqualTo(1);
        String foreign = mint(OTHER_KEY, claims(issuer));
        clock.advance(KeySetCache.MIN_REFRESH_INTERVAL.plusSeconds(1));
        assertThat(refusal(foreign)).isEqualTo(UNKNOWN_KEY);
        assertThat(server.hits("/oidc/github/.well-known/jwks")).as("refreshed once").isEqualTo(2);
        // a second unknown kid within the interval does not reach the issuer again
        assertThat(refusal(foreign)).isEqualTo(UNKNOWN_KEY);
        assertThat(server.hits("/oidc/github/.well-known/jwks")).isEqualTo(2);
    }

    @Test
    void refreshAfterKeyRotation() throws Exception {
        AtomicReference<DevGithubIssuer> current = new AtomicReference<>(github);
        server.serveIssuer("/oidc/github", () -> current.get().discovery(), () -> current.get().jwks());
        assertThat(verifier.verify(mint(KEY, claims(issuer))).subject()).isNotEmpty();
        current.set(new DevGithubIssuer(OTHER_KEY, issuer, clock));
        clock.advance(KeySetCache.MIN_REFRESH_INTERVAL);
        ObjectNode claims = claims(issuer);
        claims.put("iat", clock.instant().getEpochSecond());
        VerifiedToken rotated = verifier.verify(mint(OTHER_KEY, claims));
        assertThat(rotated.claim("iss")).contains(issuer);
        assertThat(server.hits("/oidc/github/.well-known/jwks")).isEqualTo(2);
        // the old key is gone from the refreshed set
        assertThat(refusal(mint(KEY, claims))).isEqualTo(UNKNOWN_KEY);
    }

    @Test
    void oversizedToken() {
        ObjectNode claims = claims(issuer);
        claims.put("padding", "x".repeat(CompactJwt.MAX_LENGTH));
        assertThat(refusal(mint(KEY, claims))).isEqualTo(TOO_LARGE);
        assertThat(server.hits("/oidc/github/.well-known/jwks")).isZero();
    }

    @Test
    void missingRequiredClaims() throws Exception {
        for (String name : FederatedTokenVerifier.requiredClaims(IssuerType.GITHUB_WORKFLOW)) {
            ObjectNode claims = claims(issuer);
            claims.remove(name);
            assertThat(refusal(mint(KEY, claims))).as(name).isEqualTo(MISSING_CLAIM);
        }
        for (String name : List.of("iss", "exp", "iat", "aud")) {
            ObjectNode claims = claims(issuer);
            claims.remove(name);
            assertThat(refusal(mint(KEY, claims))).as(name).isEqualTo(MISSING_CLAIM);
        }
        ObjectNode numeric = claims(issuer);
        numeric.put("sha", 12);
        assertThat(refusal(mint(KEY, numeric))).isEqualTo(MISSING_CLAIM);
    }

    @Test
    void emailVerifiedFalseForAnEmailIssuer() throws Exception {
        FederatedTokenVerifier email = verifierFor(new IssuerConfig(Optional.of(issuer), Optional.empty(),
                "sigstore", IssuerType.EMAIL, "email"));
        ObjectNode claims = claims(issuer);
        claims.put("email", "dev@example.com");
        claims.put("email_verified", true);
        assertThat(email.verify(mint(KEY, claims)).claim("email")).contains("dev@example.com");
        claims.put("email_verified", false);
        assertThat(refusal(email, mint(KEY, claims))).isEqualTo(EMAIL_NOT_VERIFIED);
        claims.put("email_verified", "false");
        assertThat(refusal(email, mint(KEY, claims))).isEqualTo(EMAIL_NOT_VERIFIED);
        claims.remove("email_verified");
        assertThat(refusal(email, mint(KEY, claims))).isEqualTo(EMAIL_NOT_VERIFIED);
        claims.put("email_verified", true);
        claims.remove("email");
        assertThat(refusal(email, mint(KEY, claims))).isEqualTo(MISSING_CLAIM);
    }

    @Test
    void wildcardIssuerMatchesATenantButNotANestedLabel() throws Exception {
        for (String tenant : List.of("acme", "globex")) {
            DevGithubIssuer t = new DevGithubIssuer(KEY, server.base() + "/tenants/" + tenant + "/oidc", clock);
            server.serveIssuer("/tenants/" + tenant + "/oidc", t::discovery, t::jwks);
        }
        FederatedTokenVerifier wildcard = verifierFor(new IssuerConfig(Optional.empty(),
                Optional.of(server.base() + "/tenants/*/oidc"), "sigstore", IssuerType.GITHUB_WORKFLOW, "sub"));
        String acme = server.base() + "/tenants/acme/oidc";
        VerifiedToken verified = wildcard.verify(new JwtMinter(KEY, acme).mint(claims(acme)));
        assertThat(verified.issuerUrl()).isEqualTo(acme);
        assertThat(verified.issuer().wildcardUrl()).contains(server.base() + "/tenants/*/oidc");
        assertThat(server.hits("/tenants/acme/oidc/.well-known/jwks")).isEqualTo(1);
        for (String iss : List.of(server.base() + "/tenants/acme/x/oidc", server.base() + "/tenants/acme.x/oidc",
                server.base() + "/tenants//oidc", server.base() + "/tenants/acme/oidc/x")) {
            assertThat(refusal(wildcard, new JwtMinter(KEY, iss).mint(claims(iss)))).as(iss)
                    .isEqualTo(UNKNOWN_ISSUER);
        }
    }

    @Test
    void everyAcceptedAlgorithmFamilyVerifies() throws Exception {
        for (SignatureAlgorithm alg : List.of(SignatureAlgorithm.ED25519, SignatureAlgorithm.RSA_PKCS1V15_SHA256,
                SignatureAlgorithm.ECDSA_P384_SHA384)) {
            String path = "/oidc/" + alg.name().toLowerCase();
            String url = server.base() + path;
            DevGithubIssuer other = new DevGithubIssuer(Signer.generate(alg), url, clock);
            server.serveIssuer(path, other::discovery, other::jwks);
            FederatedTokenVerifier v = verifierFor(new IssuerConfig(Optional.of(url), Optional.empty(), "sigstore",
                    IssuerType.GITHUB_WORKFLOW, "sub"));
            ObjectNode job = OidcJson.readObject(other.createJob(new byte[0]).getBytes(StandardCharsets.UTF_8));
            String token = OidcJson.readObject(other.token(job.get("requestToken").textValue(), "sigstore")
                    .getBytes(StandardCharsets.UTF_8)).get("value").textValue();
            assertThat(v.verify(token).issuerUrl()).as(alg.name()).isEqualTo(url);
        }
    }

    @Test
    void malformedTokens() {
        String valid = mint(KEY, claims(issuer));
        String[] parts = valid.split("\\.");
        for (String token : List.of("", "abc", parts[0] + "." + parts[1], valid + ".x.y", parts[0] + ".!!." + parts[2],
                "e30." + parts[1] + "." + parts[2], valid + " ")) {
            assertThat(refusal(token)).as(token).isEqualTo(MALFORMED);
        }
    }

    @Test
    void duplicateClaimsAreMalformed() {
        String valid = mint(KEY, claims(issuer));
        String[] parts = valid.split("\\.");
        String payload = "{\"iss\":\"" + issuer + "\",\"iss\":\"https://evil\"}";
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        assertThat(refusal(token)).isEqualTo(MALFORMED);
    }

    @Test
    void configurationRejectsPlainHttpOffLoopback() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> verifierFor(
                new IssuerConfig(Optional.of("http://issuer.example"), Optional.empty(), "sigstore",
                        IssuerType.GITHUB_WORKFLOW, "sub")));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> verifierFor(
                new IssuerConfig(Optional.empty(), Optional.of("http://*.example"), "sigstore",
                        IssuerType.GITHUB_WORKFLOW, "sub")));
    }
    @Test
    void weakRsaKeyIsNeverUsed() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        String url = server.base() + "/oidc/weak";
        server.serveIssuer("/oidc/weak", () -> "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url
                + "/.well-known/jwks\"}", () -> "{\"keys\":[" + weak.toPublicJWK().toJSONString() + "]}");
        FederatedTokenVerifier v = verifierFor(new IssuerConfig(Optional.of(url), Optional.empty(), "sigstore",
                IssuerType.GITHUB_WORKFLOW, "sub"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"weak\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(OidcJson.write(claims(url)).getBytes(StandardCharsets.UTF_8));
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(weak.toPrivateKey());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(refusal(v, input + "." + b64.encodeToString(rsa.sign()))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void randomlyMutatedTokensFailOnlyWithTokenException() throws Exception {
        String valid = mint(KEY, claims(issuer));
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 3000; i++) {
            char[] chars = valid.toCharArray();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String alphabet = "AZaz09-_.=+/ {}\"\\";
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String mutated = new String(chars);
            try {
                verifier.verify(mutated);
            } catch (TokenException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        }
        // mutations inside the decoded JSON, re-encoded, so the parsers see near-valid documents
        String[] parts = valid.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = payload.clone();
            String alphabet = "{}[]\",:0e-.\\ ntf";
            bytes[random.nextInt(bytes.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            if (java.util.Arrays.equals(bytes, payload)) {
                continue;
            }
            String mutated = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "."
                    + parts[2];
            TokenException e = catchThrowableOfType(TokenException.class, () -> verifier.verify(mutated));
            assertThat(e).as("a changed payload never verifies").isNotNull();
        }
    }
}
