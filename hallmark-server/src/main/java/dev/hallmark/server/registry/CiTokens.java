package dev.hallmark.server.registry;

import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.ca.oidc.TokenException;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.registry.RegistryException;
import dev.hallmark.registry.oidc.CiIdentity;
import dev.hallmark.registry.oidc.CiTokenVerifier;
import java.time.InstantSource;
import java.util.List;

/**
 * Trusted publishing's token check on the CA's OIDC federation: the same configured issuers (and, with {@code --dev},
 * the development ones), but only CI types and with npm's audience, {@code npm:<registry host>} (npm.md §11.1: the
 * host without port, as npm computes it).
 */
final class CiTokens implements CiTokenVerifier {
    private final FederatedTokenVerifier verifier;

    private CiTokens(FederatedTokenVerifier verifier) {
        this.verifier = verifier;
    }

    static CiTokens forRegistry(List<IssuerConfig> caIssuers, String registryHost, InstantSource clock) {
        String audience = "npm:" + registryHost;
        List<IssuerConfig> ci = caIssuers.stream()
                .filter(i -> i.type() == IssuerType.GITHUB_WORKFLOW || i.type() == IssuerType.GITLAB_PIPELINE)
                .map(i -> new IssuerConfig(i.url(), i.wildcardUrl(), audience, i.type(), "sub"))
                .toList();
        return new CiTokens(FederatedTokenVerifier.create(ci, clock));
    }

    @Override
    public CiIdentity verify(String token) throws RegistryException {
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (TokenException e) {
            throw new RegistryException(RegistryException.Reason.BAD_CREDENTIALS,
                    "OIDC token exchange error - invalid id token: " + e.getMessage());
        }
        String provider = verified.issuer().type() == IssuerType.GITHUB_WORKFLOW ? "github" : "gitlab";
        return new CiIdentity(provider, verified.issuerUrl(), verified.claims());
    }
}
