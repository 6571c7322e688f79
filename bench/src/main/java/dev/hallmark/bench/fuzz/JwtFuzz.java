package dev.hallmark.bench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hallmark.ca.oidc.FederatedTokenVerifier;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.ca.oidc.JwtMinter;
import dev.hallmark.ca.oidc.TokenException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * OIDC identity tokens as the CA checks them ({@link FederatedTokenVerifier#verify}, keys from a fixed JWKS, a fixed
 * clock): a verified token or a {@code TokenException}. Two modes: the whole compact token is fuzzed (shape, header,
 * algorithm, base64url, signature), or only the claims, which are then really signed with the issuer's key so that
 * the claim rules (issuer, audience, times, required claims, e-mail verification) see arbitrary documents.
 */
public final class JwtFuzz {
    static final String ISSUER = "https://token.actions.githubusercontent.com";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Signer KEY = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private static final JwtMinter MINTER = new JwtMinter(KEY, ISSUER);
    private static final FederatedTokenVerifier VERIFIER = new FederatedTokenVerifier(List.of(
            new IssuerConfig(Optional.of(ISSUER), Optional.empty(), "sigstore", IssuerType.GITHUB_WORKFLOW, "sub"),
            new IssuerConfig(Optional.of("https://accounts.example"), Optional.empty(), "sigstore", IssuerType.EMAIL, "email"),
            new IssuerConfig(Optional.empty(), Optional.of("https://*.ghe.example/_services/token"), "sigstore",
                    IssuerType.GITHUB_WORKFLOW, "sub")),
            issuer -> MINTER.jwks(), InstantSource.fixed(NOW));
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64URL.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + MINTER.keyId()
            + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));

    private JwtFuzz() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        boolean signClaims = data.consumeBoolean();
        String token = signClaims ? signed(data.consumeRemainingAsBytes()) : data.consumeRemainingAsString();
        try {
            VERIFIER.verify(token);
        } catch (TokenException e) {
            // typed refusal
        }
    }

    /** A compact JWS of the given claims bytes (whatever they are), signed ES256 with the issuer's key. */
    static String signed(byte[] claims) {
        String input = HEADER + "." + B64URL.encodeToString(claims);
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(KEY.privateKey());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
