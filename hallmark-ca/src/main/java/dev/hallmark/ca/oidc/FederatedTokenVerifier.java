package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.MALFORMED;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNKNOWN_ISSUER;
import static dev.hallmark.ca.oidc.TokenException.Reason.UNKNOWN_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * OIDC federation for the CA (issue 4 item 4; sigstore.md §1.1 "Token checks"). Only issuers from configuration are
 * trusted, matched exactly (or by an anchored wildcard, see {@link IssuerPattern}); their keys come from OIDC
 * discovery on the issuer's own origin and are cached ({@link KeySetCache}). The checks run cheapest and
 * key-independent first: size, shape and algorithm allow-list ({@link CompactJwt}), issuer, then the signature
 * ({@link SignatureCheck}), then audience, time and required claims ({@link ClaimRules}).
 */
public final class FederatedTokenVerifier implements TokenVerifier {
    /** Tolerated clock difference between the issuer and us, as go-oidc and Fulcio allow. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final List<IssuerPattern> exact;
    private final List<IssuerPattern> wildcards;
    private final KeySetCache keys;
    private final InstantSource clock;

    /**
     * @throws IllegalArgumentException if an issuer URL is not https (or loopback http), a wildcard is malformed,
     *     or two issuers share a URL
     */
    public FederatedTokenVerifier(List<IssuerConfig> issuers, KeySetSource source, InstantSource clock) {
        Objects.requireNonNull(issuers, "issuers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new KeySetCache(source, clock);
        List<IssuerPattern> exactList = new ArrayList<>();
        List<IssuerPattern> wildcardList = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IssuerConfig issuer : issuers) {
            String url = issuer.url().or(issuer::wildcardUrl).orElseThrow();
            if (!seen.add(url)) {
                throw new IllegalArgumentException("issuer configured twice: " + url);
            }
            (issuer.url().isPresent() ? exactList : wildcardList).add(new IssuerPattern(issuer));
        }
        this.exact = List.copyOf(exactList);
        this.wildcards = List.copyOf(wildcardList);
    }

    /** A verifier fetching keys over HTTP with {@link HttpKeySetSource}'s defaults. */
    public static FederatedTokenVerifier create(List<IssuerConfig> issuers, InstantSource clock) {
        return new FederatedTokenVerifier(issuers, HttpKeySetSource.withDefaults(), clock);
    }

    /** The string claims a token of this issuer type must carry (checked by {@link #verify}). */
    public static List<String> requiredClaims(IssuerConfig.IssuerType type) {
        return ClaimRules.requiredClaims(type);
    }

    @Override
    public VerifiedToken verify(String compactJwt) throws TokenException {
        CompactJwt jwt = CompactJwt.parse(compactJwt);
        ObjectNode claims = jwt.claims();
        ClaimRules.requireString(claims, "iss");
        String iss = claims.get("iss").textValue();
        IssuerConfig issuer = match(iss);
        try {
            keys.current(iss).verify(jwt);
        } catch (TokenException e) {
            if (e.reason() != UNKNOWN_KEY) {
                throw e;
            }
            // the issuer may have rotated its keys since we fetched them (rate-limited by the cache)
            keys.refreshed(iss).verify(jwt);
        }
        Instant expiresAt = ClaimRules.check(issuer, claims, clock.instant(), CLOCK_SKEW);
        JsonNode subject = claims.get("sub");
        if (subject == null || !subject.isTextual()) {
            throw new TokenException(MALFORMED, "sub is not a string");
        }
        return new VerifiedToken(issuer, subject.textValue(), claims, expiresAt);
    }

    private IssuerConfig match(String iss) throws TokenException {
        for (IssuerPattern pattern : exact) {
            if (pattern.matches(iss)) {
                return pattern.config();
            }
        }
        for (IssuerPattern pattern : wildcards) {
            if (pattern.matches(iss)) {
                return pattern.config();
            }
        }
        throw new TokenException(UNKNOWN_ISSUER, "issuer is not configured");
    }
}
