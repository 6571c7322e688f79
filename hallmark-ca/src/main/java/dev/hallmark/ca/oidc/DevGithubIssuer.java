package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.DevClaims.byDefault;
import static dev.hallmark.ca.oidc.DevClaims.text;
import static dev.hallmark.ca.oidc.DevIssuerException.Reason.OVERLOADED;
import static dev.hallmark.ca.oidc.DevIssuerException.Reason.UNAUTHORIZED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GitHub-Actions-like OIDC issuer for {@code --dev} (DESIGN.md "Development issuers"; never enabled otherwise).
 * A developer registers a job with the claims it should carry and receives what a real job sees as
 * {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}; npm, sigstore-js and
 * {@code @actions/core} then fetch {@code GET <requestUrl>&audience=A} with {@code Authorization: Bearer <token>}
 * and read {@code {"value": "<jwt>"}} (npm.md §10.3). Tokens look like GitHub's: every claim a string,
 * {@code sub = repo:<repository>:ref:<ref>} (or {@code :environment:<e>} / {@code :pull_request}).
 *
 * <p>Routes the server maps to this object: {@code GET <issuer>/.well-known/openid-configuration} →
 * {@link #discovery()}, {@code GET <issuer>/.well-known/jwks} → {@link #jwks()}, {@code POST <issuer>/dev/jobs} →
 * {@link #createJob(byte[])}, {@code GET <issuer>/dev/token?api-version=2.0&audience=A} → {@link #token}.
 */
public final class DevGithubIssuer {
    public static final Duration JOB_LIFETIME = Duration.ofHours(1);
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    static final int MAX_JOBS = 10_000;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final JwtMinter minter;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    /** Keyed by the SHA-256 of the job token, so the map lookup never compares secrets directly. */
    private final ConcurrentHashMap<Bytes, Job> jobs = new ConcurrentHashMap<>();

    private record Job(Bytes token, ObjectNode claims, Instant expiresAt) {
    }

    /**
     * @param signer the issuer key (ES256 on P-256 is the default of the server; ES384, EdDSA, RS256 also work)
     * @param issuerUrl the public issuer URL, e.g. {@code http://127.0.0.1:8080/oidc/github}
     */
    public DevGithubIssuer(Signer signer, String issuerUrl, InstantSource clock) {
        this.minter = new JwtMinter(signer, issuerUrl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String issuerUrl() {
        return minter.issuer();
    }

    public String jwksUrl() {
        return minter.jwksUrl();
    }

    /** The endpoint behind {@code ACTIONS_ID_TOKEN_REQUEST_URL} (without its query). */
    public String tokenUrl() {
        return minter.issuer() + "/dev/token";
    }

    public String discovery() {
        return minter.discovery("sub", "aud", "exp", "iat", "iss", "jti", "nbf", "ref", "sha", "repository",
                "repository_id", "repository_owner", "repository_owner_id", "run_id", "run_number", "run_attempt",
                "actor", "actor_id", "workflow", "workflow_ref", "workflow_sha", "head_ref", "base_ref",
                "event_name", "ref_type", "ref_protected", "environment", "job_workflow_ref", "job_workflow_sha",
                "runner_environment", "repository_visibility");
    }

    public String jwks() {
        return minter.jwks();
    }

    /**
     * {@code POST <issuer>/dev/jobs}: registers a job. The body is a JSON object of GitHub Actions claims (strings,
     * numbers or booleans); missing ones get defaults derived from {@code repository} and {@code ref}.
     *
     * @return {@code {"requestUrl": …, "requestToken": …}}
     */
    public String createJob(byte[] body) throws DevIssuerException {
        ObjectNode claims = withDefaults(DevClaims.claims(DevClaims.body(body)));
        Instant now = clock.instant();
        jobs.values().removeIf(job -> !now.isBefore(job.expiresAt()));
        if (jobs.size() >= MAX_JOBS) {
            throw new DevIssuerException(OVERLOADED, "too many live development jobs");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = B64URL.encodeToString(secret);
        Bytes tokenBytes = Bytes.utf8(token);
        jobs.put(HashAlgorithm.SHA2_256.digest(tokenBytes).value(), new Job(tokenBytes, claims,
                now.plus(JOB_LIFETIME)));
        ObjectNode answer = OidcJson.MAPPER.createObjectNode();
        answer.put("requestUrl", tokenUrl() + "?api-version=2.0");
        answer.put("requestToken", token);
        return OidcJson.write(answer);
    }

    /**
     * {@code GET <requestUrl>&audience=A} with {@code Authorization: Bearer <requestToken>}.
     *
     * @param bearerToken the token after {@code Bearer }
     * @param audience the {@code audience} query parameter; when absent GitHub uses the owner's URL
     * @return {@code {"value": "<jwt>"}}
     * @throws DevIssuerException {@code UNAUTHORIZED} for an unknown or expired job token
     */
    public String token(String bearerToken, String audience) throws DevIssuerException {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 256) {
            throw new DevIssuerException(UNAUTHORIZED, "missing or malformed job token");
        }
        Bytes presented = Bytes.utf8(bearerToken);
        Job job = jobs.get(HashAlgorithm.SHA2_256.digest(presented).value());
        Instant now = clock.instant();
        if (job == null || !job.token().equalsConstantTime(presented) || !now.isBefore(job.expiresAt())) {
            throw new DevIssuerException(UNAUTHORIZED, "unknown or expired job token");
        }
        if (audience != null && audience.length() > 1024) {
            throw new DevIssuerException(DevIssuerException.Reason.BAD_REQUEST, "audience too long");
        }
        String aud = audience == null || audience.isEmpty()
                ? "https://github.com/" + text(job.claims(), "repository_owner") : audience;
        ObjectNode jwt = OidcJson.MAPPER.createObjectNode();
        jwt.put("jti", UUID.randomUUID().toString());
        jwt.put("sub", text(job.claims(), "sub"));
        jwt.put("aud", aud);
        job.claims().properties().forEach(claim -> {
            if (!claim.getKey().equals("sub")) {
                jwt.set(claim.getKey(), claim.getValue());
            }
        });
        jwt.put("iss", minter.issuer());
        jwt.put("nbf", now.getEpochSecond());
        jwt.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        jwt.put("iat", now.getEpochSecond());
        ObjectNode answer = OidcJson.MAPPER.createObjectNode();
        answer.put("value", minter.mint(jwt));
        return OidcJson.write(answer);
    }

    /** GitHub's claims, derived from repository and ref where the developer gave none. */
    static ObjectNode withDefaults(ObjectNode claims) {
        byDefault(claims, "repository", "hallmark-dev/example");
        byDefault(claims, "ref", "refs/heads/main");
        String repository = text(claims, "repository");
        String ref = text(claims, "ref");
        String owner = repository.contains("/") ? repository.substring(0, repository.indexOf('/')) : repository;
        byDefault(claims, "repository_owner", owner);
        byDefault(claims, "repository_id", DevClaims.fakeId(repository));
        byDefault(claims, "repository_owner_id", DevClaims.fakeId(text(claims, "repository_owner")));
        byDefault(claims, "repository_visibility", "public");
        byDefault(claims, "sha", DevClaims.fakeSha(repository + "@" + ref));
        byDefault(claims, "ref_type", ref.startsWith("refs/tags/") ? "tag" : "branch");
        byDefault(claims, "ref_protected", "false");
        byDefault(claims, "workflow", "Release");
        byDefault(claims, "workflow_ref", repository + "/.github/workflows/release.yml@" + ref);
        byDefault(claims, "workflow_sha", text(claims, "sha"));
        byDefault(claims, "job_workflow_ref", text(claims, "workflow_ref"));
        byDefault(claims, "job_workflow_sha", text(claims, "workflow_sha"));
        byDefault(claims, "event_name", "push");
        byDefault(claims, "runner_environment", "github-hosted");
        byDefault(claims, "actor", text(claims, "repository_owner"));
        byDefault(claims, "actor_id", text(claims, "repository_owner_id"));
        byDefault(claims, "run_id", DevClaims.fakeId(repository + "@" + ref + "#run"));
        byDefault(claims, "run_number", "1");
        byDefault(claims, "run_attempt", "1");
        byDefault(claims, "head_ref", "");
        byDefault(claims, "base_ref", "");
        // GitHub's default subject (docs: "Example subject claims"), unless the developer set one
        String sub;
        if (claims.hasNonNull("environment")) {
            sub = "repo:" + repository + ":environment:" + text(claims, "environment");
        } else if (text(claims, "event_name").equals("pull_request")) {
            sub = "repo:" + repository + ":pull_request";
        } else {
            sub = "repo:" + repository + ":ref:" + ref;
        }
        byDefault(claims, "sub", sub);
        return claims;
    }

    /** How many jobs are live; for metrics and tests. */
    int liveJobs() {
        return jobs.size();
    }

    @Override
    public String toString() {
        return "DevGithubIssuer[" + minter.issuer() + "]";
    }
}
