package dev.hallmark.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.ca.fulcio.IdentityProfile;
import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.JwtMinter;
import dev.hallmark.ca.oidc.TokenException;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.server.config.ConfigCodec;
import dev.hallmark.server.config.OidcConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A GHES-like wildcard issuer written in hallmark.yaml, through the server's conversion into the CA's issuer list and
 * profiles. Keys come from an in-memory source that records which issuers were asked: the tenants are https URLs, and
 * tests have no network.
 */
class ConfiguredIssuersTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String PATTERN = "https://*.ghe.example/_services/token";

    private final Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final OidcConfig oidc;
    private final FederatedTokenVerifier verifier;

    ConfiguredIssuersTest() throws Exception {
        oidc = ConfigCodec.read("""
                oidc:
                  issuers:
                    - type: github-workflow
                      wildcardUrl: https://*.ghe.example/_services/token
                      audience: sigstore
                      claimMapping:
                        defaultTemplateValues: {url: https://ghe.example}
                    - type: email
                      url: https://accounts.example
                      audience: hallmark
                """.getBytes(StandardCharsets.UTF_8)).oidc();
        verifier = new FederatedTokenVerifier(CertificateAuthorityService.configuredIssuers(oidc), iss -> {
            fetched.add(iss);
            return new JwtMinter(key, iss).jwks();
        }, InstantSource.fixed(NOW));
    }

    private String token(String iss) {
        return LocalIssuers.mint(key, LocalIssuers.githubClaims(iss, NOW));
    }

    @Test
    void yamlIssuersBecomeTheCasIssuers() {
        assertThat(CertificateAuthorityService.configuredIssuers(oidc)).containsExactly(
                new IssuerConfig(Optional.empty(), Optional.of(PATTERN), "sigstore", IssuerConfig.IssuerType.GITHUB_WORKFLOW, "sub"),
                new IssuerConfig(Optional.of("https://accounts.example"), Optional.empty(), "hallmark",
                        IssuerConfig.IssuerType.EMAIL, "email"));
    }

    @Test
    void aTenantOfTheWildcardIsAdmittedWithItsOwnKeys() throws Exception {
        String acme = "https://acme.ghe.example/_services/token";
        VerifiedToken verified = verifier.verify(token(acme));
        assertThat(verified.issuerUrl()).isEqualTo(acme);
        assertThat(verified.issuer().wildcardUrl()).contains(PATTERN);
        assertThat(fetched).containsExactly(acme);
        // the wildcard issuer's profile is github-workflow with the url default of its claimMapping
        IdentityProfile profile = CertificateAuthorityService.identityProfiles(oidc).forIssuer(verified.issuer());
        assertThat(profile.defaults()).containsEntry("url", "https://ghe.example");
        assertThat(profile.sanTemplate()).isEqualTo("{{url}}/{{job_workflow_ref}}");
    }

    @Test
    void anythingButOneLabelInPlaceOfTheStarIsAnUnknownIssuer() {
        for (String iss : List.of("https://a.b.ghe.example/_services/token", "https://ghe.example/_services/token",
                "https://.ghe.example/_services/token", "https://acme.ghe.example/_services/token/x",
                "https://acme.ghe.example.evil/_services/token", "https://acme.ghe.example/_services/tokens",
                "http://acme.ghe.example/_services/token", "https://acme.ghe.example:8443/_services/token")) {
            TokenException e = catchThrowableOfType(TokenException.class, () -> verifier.verify(token(iss)));
            assertThat(e).as(iss).isNotNull();
            assertThat(e.reason()).as(iss).isEqualTo(TokenException.Reason.UNKNOWN_ISSUER);
        }
        assertThat(fetched).as("no key fetch for an issuer that is not configured").isEmpty();
    }
}
