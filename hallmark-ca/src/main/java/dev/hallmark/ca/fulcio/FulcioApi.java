package dev.hallmark.ca.fulcio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.api.CaApiResponse;
import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.TokenException;
import dev.hallmark.ca.oidc.TokenVerifier;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.x509.Certificates;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fulcio's v2 REST API as plain Java (sigstore.md §1.1): {@code POST /api/v2/signingCert}, {@code GET
 * /api/v2/trustBundle} and {@code GET /api/v2/configuration}. The server routes requests here and copies the
 * {@link CaApiResponse} back. Errors are grpc-gateway bodies: InvalidArgument (400) for every token, key and
 * proof-of-possession problem, with a google.rpc.ErrorInfo naming the {@link IssuanceException.Reason} (and, for a
 * refused token, the {@link TokenException.Reason} as {@code tokenCheck}); Internal (500) for CA or CT failures,
 * whose details are logged, never returned.
 * Thread-safe.
 */
public final class FulcioApi {
    /** A 64 KiB token (the verifier's limit) plus an RSA-4096 CSR, base64-inflated, fit well within this. */
    public static final int MAX_BODY_BYTES = 128 * 1024;
    private static final System.Logger LOG = System.getLogger(FulcioApi.class.getName());
    private static final String BEARER = "bearer ";

    private final TokenVerifier tokens;
    private final CertificateAuthority ca;

    public FulcioApi(TokenVerifier tokens, CertificateAuthority ca) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.ca = Objects.requireNonNull(ca, "ca");
    }

    /**
     * {@code POST /api/v2/signingCert}: the token comes from {@code credentials.oidcIdentityToken} or, when that is
     * empty, from {@code Authorization: Bearer}; the response is {@code signedCertificateEmbeddedSct}.
     */
    public CaApiResponse signingCert(Bytes body, Optional<String> authorizationHeader) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(authorizationHeader, "authorizationHeader");
        if (body.length() > MAX_BODY_BYTES) {
            return CaApiResponse.grpcError(413, CaApiResponse.GRPC_RESOURCE_EXHAUSTED, "request body too large");
        }
        try {
            return ok(issue(body, authorizationHeader));
        } catch (IssuanceException e) {
            if (e.reason().clientError()) {
                // the typed reasons go into an ErrorInfo detail: which check refused the request, never internals
                Map<String, String> metadata = e.getCause() instanceof TokenException token
                        ? Map.of("tokenCheck", token.reason().name()) : Map.of();
                return CaApiResponse.grpcError(400, CaApiResponse.GRPC_INVALID_ARGUMENT, e.getMessage(),
                        e.reason().name(), metadata);
            }
            LOG.log(Level.ERROR, "certificate issuance failed: " + e.reason(), e);
            return CaApiResponse.grpcError(500, CaApiResponse.GRPC_INTERNAL, "error issuing certificate");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "certificate issuance failed unexpectedly", e);
            return CaApiResponse.grpcError(500, CaApiResponse.GRPC_INTERNAL, "error issuing certificate");
        }
    }

    /** The steps of sigstore.md §1.4 step 1: request, token, key and proof of possession; then issuance. */
    IssuedCertificate issue(Bytes body, Optional<String> authorizationHeader) throws IssuanceException {
        SigningRequest request;
        try {
            request = SigningRequest.parse(body, MAX_BODY_BYTES);
        } catch (FormatException e) {
            throw new IssuanceException(Reason.MALFORMED_REQUEST, "malformed request: " + e.getMessage());
        }
        String jwt = request.token().or(() -> bearer(authorizationHeader))
                .orElseThrow(() -> new IssuanceException(Reason.INVALID_TOKEN, "no identity token in the request"));
        VerifiedToken token;
        try {
            token = tokens.verify(jwt);
        } catch (TokenException e) {
            throw new IssuanceException(Reason.INVALID_TOKEN, "invalid identity token: " + e.getMessage(), e);
        }
        SubjectKey key = switch (request.key()) {
            case SigningRequest.PublicKeyRequest publicKey -> {
                SubjectKey parsed = SubjectKey.parse(publicKey.content());
                String claim = token.issuer().challengeClaim();
                String challenge = token.claim(claim).filter(v -> !v.isEmpty())
                        .orElseThrow(() -> new IssuanceException(Reason.MISSING_CLAIM, "the token lacks the challenge claim " + claim));
                parsed.verifyProofOfPossession(Bytes.utf8(challenge), publicKey.proofOfPossession());
                yield parsed;
            }
            case SigningRequest.CsrRequest csr -> CertificateRequests.verifiedKey(csr.pem());
        };
        return ca.issue(token, key);
    }

    private static Optional<String> bearer(Optional<String> header) {
        return header.map(String::strip)
                .filter(h -> h.length() > BEARER.length() && h.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER))
                .map(h -> h.substring(BEARER.length()).strip());
    }

    private static CaApiResponse ok(IssuedCertificate issued) {
        ObjectNode chain = Json.object();
        chain.set("certificates", pems(issued.chain()));
        ObjectNode embedded = Json.object();
        embedded.set("chain", chain);
        ObjectNode body = Json.object();
        body.set("signedCertificateEmbeddedSct", embedded);
        return CaApiResponse.json(200, body);
    }

    /** {@code GET /api/v2/trustBundle}: {@code {"chains":[{"certificates":[intermediate PEM, root PEM]}]}}. */
    public CaApiResponse trustBundle() {
        ObjectNode chain = Json.object();
        chain.set("certificates", pems(ca.chain().certificates()));
        ObjectNode body = Json.object();
        body.set("chains", Json.array().add(chain));
        return CaApiResponse.json(200, body);
    }

    /** {@code GET /api/v2/configuration}: the accepted issuers, as Fulcio announces them (sigstore.md §1.1). */
    public static CaApiResponse configuration(List<IssuerConfig> issuers) {
        ArrayNode list = Json.array();
        for (IssuerConfig issuer : issuers) {
            ObjectNode entry = list.addObject();
            issuer.url().ifPresent(url -> entry.put("issuerUrl", url));
            issuer.wildcardUrl().ifPresent(url -> entry.put("wildcardIssuerUrl", url));
            entry.put("audience", issuer.audience());
            entry.put("challengeClaim", issuer.challengeClaim());
            entry.put("issuerType", issuer.type().configName());
        }
        ObjectNode body = Json.object();
        body.set("issuers", list);
        return CaApiResponse.json(200, body);
    }

    private static ArrayNode pems(List<X509Certificate> certificates) {
        ArrayNode out = Json.array();
        certificates.forEach(c -> out.add(Certificates.toPem(c)));
        return out;
    }
}
