package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.ISSUER_UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery and JWKS fetching against a real server on 127.0.0.1, including a misbehaving one. */
class HttpKeySetSourceTest {
    private static final Signer KEY = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private OidcTestServer server;
    private String issuer;
    private JwtMinter minter;
    private final HttpKeySetSource source = new HttpKeySetSource(Duration.ofSeconds(5), 16 * 1024);

    @BeforeEach
    void start() throws Exception {
        server = new OidcTestServer();
        issuer = server.base() + "/oidc";
        minter = new JwtMinter(KEY, issuer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String discoveryWith(String issuerName, String jwksUri) {
        return "{\"issuer\":\"" + issuerName + "\",\"jwks_uri\":\"" + jwksUri + "\"}";
    }

    private TokenException.Reason refusal() {
        TokenException e = catchThrowableOfType(TokenException.class, () -> source.fetchKeySet(issuer));
        assertThat(e).as("fetch must fail").isNotNull();
        return e.reason();
    }

    @Test
    void fetchesTheJwksNamedByDiscovery() throws Exception {
        server.serveIssuer("/oidc", () -> minter.discovery("sub"), minter::jwks);
        assertThat(source.fetchKeySet(issuer)).isEqualTo(minter.jwks());
        assertThat(server.hits("/oidc/.well-known/openid-configuration")).isEqualTo(1);
    }

    @Test
    void jwksOnAnotherHostIsRefused() {
        // localhost and 127.0.0.1 reach the same server but are different hosts
        String elsewhere = "http://localhost:" + server.port() + "/oidc/.well-known/jwks";
        server.serveIssuer("/oidc", () -> discoveryWith(issuer, elsewhere), minter::jwks);
        assertThat(refusal()).isEqualTo(ISSUER_UNREACHABLE);
        assertThat(server.hits("/oidc/.well-known/jwks")).isZero();
    }

    @Test
    void jwksOnAnotherPortIsRefused() {
        server.serveIssuer("/oidc", () -> discoveryWith(issuer, "http://127.0.0.1:1/keys"), minter::jwks);
        assertThat(refusal()).isEqualTo(ISSUER_UNREACHABLE);
    }

    @Test
    void discoveryNamingAnotherIssuerIsRefused() {
        server.serveIssuer("/oidc", () -> discoveryWith("https://accounts.example", minter.jwksUrl()), minter::jwks);
        assertThat(refusal()).isEqualTo(ISSUER_UNREACHABLE);
        assertThat(server.hits("/oidc/.well-known/jwks")).isZero();
    }

    @Test
    void oversizedJwksIsRefused() {
        server.serveIssuer("/oidc", () -> minter.discovery("sub"),
                () -> "{\"keys\":[],\"pad\":\"" + "x".repeat(20 * 1024) + "\"}");
        assertThat(refusal()).isEqualTo(ISSUER_UNREACHABLE);
    }

    @Test
    void redirectToAnotherHostIsNotFollowed() {
        server.route("/oidc/.well-known/openid-configuration", x -> new OidcTestServer.Response(302, new byte[0],
                Map.of("Location", "http://localhost:" + server.port() + "/elsewhere")));
        server.route("/elsewhere", x -> OidcTestServer.Response.json(minter.discovery("sub")));
        assertThat(refusal()).isEqualTo(ISSUER_UNREACHABLE);
        assertThat(server.hits("/elsewhere")).isZero();
    }

    @Test
    void redirectWithinTheOriginIsFollowed() throws Exception {
        server.route("/oidc/.well-known/openid-configuration", x -> new OidcTestServer.Response(301, new byte[0],
                Map.of("Location", "/moved/openid-configuration")));
        server.route("/moved/openid-configuration", x -> OidcTestServer.Response.json(minter.discovery("sub")));
        server.route("/oidc/.well-known/jwks", x -> OidcTestServer.Response.json(minter.jwks()));
        assertThat(source.fetchKeySet(issuer)).isEqualTo(minter.jwks());
    }

    @Test
    void errorStatusAndGarbageAreRefused() {
        assertThat(refusal()).as("404").isEqualTo(ISSUER_UNREACHABLE);
        server.route("/oidc/.well-known/openid-configuration", x -> new OidcTestServer.Response(200,
                "not json".getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(refusal()).as("garbage").isEqualTo(ISSUER_UNREACHABLE);
    }

    @Test
    void anUnreachableIssuerIsTriedOncePerInterval() {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
        FederatedTokenVerifier verifier = new FederatedTokenVerifier(List.of(new IssuerConfig(Optional.of(issuer),
                Optional.empty(), "sigstore", IssuerType.GITHUB_WORKFLOW, "sub")), source, clock);
        String token = minter.mint(TestTokens.valid(issuer, clock.instant()));
        for (int i = 0; i < 3; i++) {
            TokenException e = catchThrowableOfType(TokenException.class, () -> verifier.verify(token));
            assertThat(e.reason()).isEqualTo(ISSUER_UNREACHABLE);
        }
        assertThat(server.hits("/oidc/.well-known/openid-configuration")).isEqualTo(1);
        // the issuer comes back: after the interval the next token gets through
        server.serveIssuer("/oidc", () -> minter.discovery("sub"), minter::jwks);
        clock.advance(KeySetCache.MIN_REFRESH_INTERVAL);
        String later = minter.mint(TestTokens.valid(issuer, clock.instant()));
        assertThat(catchThrowableOfType(TokenException.class, () -> verifier.verify(later))).isNull();
    }
}
