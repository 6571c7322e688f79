package dev.hallmark.ca.oidc;

/**
 * Fetches an issuer's current signing keys (its JWKS document) by OIDC discovery. The verifier calls it only for
 * issuer URLs that already matched the configuration (DESIGN.md: no fetch of client-chosen URLs), caches the answer
 * and parses it. {@link HttpKeySetSource} is the real one; the interface exists so the CA can be built in-process.
 */
public interface KeySetSource {
    /**
     * @param issuer the token's {@code iss}, already matched against a configured issuer
     * @return the JWKS JSON document ({@code {"keys":[…]}})
     * @throws TokenException with {@link TokenException.Reason#ISSUER_UNREACHABLE} when discovery or the JWKS
     *     cannot be fetched or breaks a rule (size, host, redirect, status)
     */
    String fetchKeySet(String issuer) throws TokenException;
}
