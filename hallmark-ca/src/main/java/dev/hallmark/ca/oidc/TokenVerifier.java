package dev.hallmark.ca.oidc;

/**
 * Checks an OIDC identity token against the configured issuers (issue 4 item 4): signature with the issuer's JWKS,
 * exact issuer match, audience, time claims, required claims. Thread-safe.
 */
public interface TokenVerifier {
    /** @throws TokenException with a typed reason for every refused token; never any other exception for bad input */
    VerifiedToken verify(String compactJwt) throws TokenException;
}
