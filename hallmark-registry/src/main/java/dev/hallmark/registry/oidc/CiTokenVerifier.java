package dev.hallmark.registry.oidc;

import dev.hallmark.registry.RegistryException;

/**
 * Verifies a CI job's OIDC token for trusted publishing: issuers only from configuration, exact match, audience
 * {@code npm:<registry host>} (npm.md §11.1). The server implements it with the CA module's federated verifier.
 */
public interface CiTokenVerifier {
    /** @throws RegistryException {@code BAD_CREDENTIALS} for any token that does not verify */
    CiIdentity verify(String token) throws RegistryException;
}
