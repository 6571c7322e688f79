package dev.hallmark.server.ca;

import dev.hallmark.ca.api.CaApiResponse;
import dev.hallmark.ca.fulcio.CertificateAuthority;
import dev.hallmark.ca.fulcio.FulcioApi;
import dev.hallmark.ca.fulcio.IdentityProfiles;
import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.ca.tsa.TimestampAuthority;
import dev.hallmark.core.trust.SigningConfig;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.Services;
import dev.hallmark.server.config.OidcConfig;
import dev.hallmark.server.config.OidcIssuerConfig;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Fulcio-compatible CA at {@code /ca/api/v2/…} and the RFC 3161 TSA at {@code /tsa/api/v1/timestamp}, over the
 * chains {@link CaChains} prepared, the CT log, and the OIDC issuers of {@code hallmark.yaml} (plus the development
 * issuers with {@code --dev}). Also writes the instance's {@code signing_config.json}, naming these services.
 */
public final class CertificateAuthorityService {
    private CertificateAuthorityService() {
    }

    public static void wire(ServiceContext context, Services services, CaChains chains, PrecertificateLog ctLog) throws Exception {
        List<IssuerConfig> issuers = trustedIssuers(context);
        FulcioApi fulcio = new FulcioApi(FederatedTokenVerifier.create(issuers, context.clock()),
                CertificateAuthority.create(chains.ca(), ctLog, identityProfiles(context.config().oidc()), context.clock()));
        services.add(RouteGroup.builder("ca", "/ca/api/v2")
                .post("/signingCert", r -> http(fulcio.signingCert(r.body(), r.header("authorization"))))
                .get("/trustBundle", r -> http(fulcio.trustBundle()))
                .get("/configuration", r -> http(FulcioApi.configuration(issuers)))
                .build());

        TimestampAuthority tsa = TimestampAuthority.create(chains.tsa(), context.clock());
        services.add(RouteGroup.builder("tsa", "/tsa/api/v1")
                .post("/timestamp", r -> http(tsa.timestamp(r.body(), r.header("content-type").orElse(""))))
                .get("/timestamp/certchain", r -> http(tsa.certChain()))
                .build());

        context.trust().writeSigningConfig(signingConfig(context, chains.ca().intermediate().getNotBefore().toInstant(),
                issuers.stream().flatMap(i -> i.url().stream()).toList()));
    }

    /** The configured issuers, and the development ones when {@code --dev} is on. */
    static List<IssuerConfig> trustedIssuers(ServiceContext context) {
        List<IssuerConfig> issuers = new ArrayList<>(configuredIssuers(context.config().oidc()));
        if (context.config().dev()) {
            issuers.add(new IssuerConfig(Optional.of(DevIssuersService.githubUrl(context)), Optional.empty(), "sigstore",
                    IssuerType.GITHUB_WORKFLOW, "sub"));
            issuers.add(new IssuerConfig(Optional.of(DevIssuersService.gitlabUrl(context)), Optional.empty(), "sigstore",
                    IssuerType.GITLAB_PIPELINE, "sub"));
        }
        return issuers;
    }

    /** hallmark.yaml's issuers as the CA takes them (e-mail issuers prove possession of {@code email}, the others of {@code sub}). */
    static List<IssuerConfig> configuredIssuers(OidcConfig oidc) {
        return oidc.issuers().stream().map(CertificateAuthorityService::issuer).toList();
    }

    /** The standard profiles, with each configured claim mapping applied to its issuer. */
    static IdentityProfiles identityProfiles(OidcConfig oidc) {
        IdentityProfiles profiles = IdentityProfiles.standard();
        for (OidcIssuerConfig configured : oidc.issuers()) {
            if (configured.claimMapping().isPresent()) {
                profiles = profiles.withMapping(issuer(configured), configured.claimMapping().get());
            }
        }
        return profiles;
    }

    private static IssuerConfig issuer(OidcIssuerConfig issuer) {
        String challenge = issuer.type() == IssuerType.EMAIL ? "email" : "sub"; // sigstore.md §1.1
        return switch (issuer.url()) {
            case OidcIssuerConfig.IssuerUrl.Exact exact -> new IssuerConfig(Optional.of(exact.text()), Optional.empty(),
                    issuer.audience(), issuer.type(), challenge);
            case OidcIssuerConfig.IssuerUrl.Wildcard wildcard -> new IssuerConfig(Optional.empty(),
                    Optional.of(wildcard.text()), issuer.audience(), issuer.type(), challenge);
        };
    }

    /** Which CA, log and TSA a signer of this instance uses (sigstore.md §7.2); clients fetch it through TUF later. */
    static SigningConfig signingConfig(ServiceContext context, Instant since, List<String> oidcUrls) {
        ValidityPeriod validFor = ValidityPeriod.from(since);
        Optional<String> operator = Optional.of(context.urls().server().getHost());
        return new SigningConfig(
                List.of(new SigningConfig.Service(context.urls().ca().toString(), 1, validFor, operator)),
                oidcUrls.stream().map(u -> new SigningConfig.Service(u, 1, validFor, operator)).toList(),
                List.of(new SigningConfig.Service(context.urls().log().toString(), 1, validFor, operator)),
                List.of(new SigningConfig.Service(context.urls().tsa() + "/api/v1/timestamp", 1, validFor, operator)),
                SigningConfig.Selector.ANY, SigningConfig.Selector.ANY);
    }

    static Response http(CaApiResponse response) {
        return Response.from(response.status(), response.contentType(), response.headers(), response.body());
    }
}
