package dev.hallmark.ca.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.ca.oidc.TokenException;
import dev.hallmark.ca.oidc.TokenException.Reason;
import dev.hallmark.ca.oidc.TokenVerifier;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A test issuer: ES256 tokens signed with one P-256 key, and a minimal {@link TokenVerifier} double that checks the
 * signature (Nimbus), the issuer against a fixed list, the audience and expiry. The real verifier is the OIDC
 * helper's; this double only lets the CA tests run end to end.
 */
public final class TestTokens implements TokenVerifier {
    public static final String GITHUB = "https://token.actions.githubusercontent.com";
    public static final String GITLAB = "https://gitlab.com";
    public static final String EMAIL = "https://accounts.example.com";
    public static final List<IssuerConfig> ISSUERS = List.of(
            new IssuerConfig(Optional.of(GITHUB), Optional.empty(), "sigstore", IssuerType.GITHUB_WORKFLOW, "sub"),
            new IssuerConfig(Optional.of(GITLAB), Optional.empty(), "sigstore", IssuerType.GITLAB_PIPELINE, "sub"),
            new IssuerConfig(Optional.of(EMAIL), Optional.empty(), "sigstore", IssuerType.EMAIL, "email"));

    private final ECKey key;
    private final Instant now;

    public TestTokens(Instant now) {
        this.now = now;
        try {
            this.key = new ECKeyGenerator(Curve.P_256).keyID("test").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact ES256 JWT with these claims plus aud=sigstore, iat and exp (10 minutes) unless given. */
    public String sign(ObjectNode claims) {
        ObjectNode all = claims.deepCopy();
        if (!all.has("aud")) {
            all.put("aud", "sigstore");
        }
        all.put("iat", now.getEpochSecond());
        all.put("exp", now.getEpochSecond() + 600);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("test").build(),
                    JWTClaimsSet.parse(new String(Json.write(all), StandardCharsets.UTF_8)));
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The verified token for claims, without a round trip through JWT (for CA-level tests). */
    public static VerifiedToken verified(ObjectNode claims) {
        String iss = claims.get("iss").asText();
        IssuerConfig issuer = ISSUERS.stream().filter(i -> i.url().orElseThrow().equals(iss)).findFirst().orElseThrow();
        return new VerifiedToken(issuer, claims.get("sub").asText(), claims, Instant.parse("2026-02-14T23:38:43Z"));
    }

    @Override
    public VerifiedToken verify(String compactJwt) throws TokenException {
        try {
            SignedJWT jwt = SignedJWT.parse(compactJwt);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new ECDSAVerifier(key.toPublicJWK()))) {
                throw new TokenException(Reason.BAD_SIGNATURE, "bad signature");
            }
            JsonNode claims = Json.parseObject(jwt.getPayload().toBytes(), 64 * 1024);
            String iss = claims.path("iss").asText();
            IssuerConfig issuer = ISSUERS.stream().filter(i -> i.url().orElseThrow().equals(iss)).findFirst()
                    .orElseThrow(() -> new TokenException(Reason.UNKNOWN_ISSUER, "unknown issuer"));
            if (!issuer.audience().equals(claims.path("aud").asText())) {
                throw new TokenException(Reason.WRONG_AUDIENCE, "wrong audience");
            }
            Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
            if (!now.isBefore(exp)) {
                throw new TokenException(Reason.EXPIRED, "expired");
            }
            return new VerifiedToken(issuer, claims.path("sub").asText(), claims, exp);
        } catch (ParseException | JOSEException | FormatException e) {
            throw new TokenException(Reason.MALFORMED, "malformed token");
        }
    }
}
