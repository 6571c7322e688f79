package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.TokenException.Reason.EMAIL_NOT_VERIFIED;
import static dev.hallmark.ca.oidc.TokenException.Reason.EXPIRED;
import static dev.hallmark.ca.oidc.TokenException.Reason.ISSUED_IN_FUTURE;
import static dev.hallmark.ca.oidc.TokenException.Reason.MALFORMED;
import static dev.hallmark.ca.oidc.TokenException.Reason.MISSING_CLAIM;
import static dev.hallmark.ca.oidc.TokenException.Reason.NOT_YET_VALID;
import static dev.hallmark.ca.oidc.TokenException.Reason.WRONG_AUDIENCE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The claim checks after the signature (sigstore.md §1.1 "Token checks"; RFC 7519 §4.1): audience, validity window
 * with a small skew, and the claims the certificate will be built from, per issuer type, so that issuance never
 * meets a token that lacks what its profile needs (sigstore.md §1.3: "if a template names a claim the token lacks,
 * issuance fails" — we fail earlier, with a clear reason).
 */
final class ClaimRules {
    /** The latest representable NumericDate we accept (9999-12-31T23:59:59Z). */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static final List<String> GITHUB = List.of("sub", "repository", "repository_id", "repository_owner",
            "repository_owner_id", "repository_visibility", "workflow", "workflow_ref", "workflow_sha",
            "job_workflow_ref", "job_workflow_sha", "sha", "ref", "event_name", "runner_environment", "run_id",
            "run_attempt");
    private static final List<String> GITLAB = List.of("sub", "project_path", "project_id", "namespace_path",
            "namespace_id", "project_visibility", "ci_config_ref_uri", "ci_config_sha", "ref", "ref_type", "sha",
            "pipeline_source", "runner_environment", "job_id");
    private static final List<String> EMAIL = List.of("sub", "email");
    private static final List<String> OTHER = List.of("sub");

    private ClaimRules() {
    }

    /** The string claims a token of this type must carry, non-empty. */
    static List<String> requiredClaims(IssuerType type) {
        return switch (type) {
            case GITHUB_WORKFLOW -> GITHUB;
            case GITLAB_PIPELINE -> GITLAB;
            case EMAIL -> EMAIL;
            case URI, CI_PROVIDER -> OTHER;
        };
    }

    /**
     * @return the token's expiry
     * @throws TokenException naming the first failed check
     */
    static Instant check(IssuerConfig issuer, ObjectNode claims, Instant now, Duration skew) throws TokenException {
        checkAudience(claims.get("aud"), issuer.audience());
        Instant expiresAt = numericDate(claims, "exp")
                .orElseThrow(() -> new TokenException(MISSING_CLAIM, "missing claim exp"));
        if (!now.isBefore(expiresAt.plus(skew))) {
            throw new TokenException(EXPIRED, "token expired");
        }
        Optional<Instant> notBefore = numericDate(claims, "nbf");
        if (notBefore.isPresent() && now.isBefore(notBefore.get().minus(skew))) {
            throw new TokenException(NOT_YET_VALID, "token not yet valid");
        }
        Instant issuedAt = numericDate(claims, "iat")
                .orElseThrow(() -> new TokenException(MISSING_CLAIM, "missing claim iat"));
        if (issuedAt.isAfter(now.plus(skew))) {
            throw new TokenException(ISSUED_IN_FUTURE, "token issued in the future");
        }
        for (String name : requiredClaims(issuer.type())) {
            requireString(claims, name);
        }
        requireString(claims, issuer.challengeClaim());
        if (issuer.type() == IssuerType.EMAIL) {
            JsonNode verified = claims.get("email_verified");
            // some providers send the string "true"; Fulcio accepts both (pkg/identity/email)
            boolean isTrue = verified != null
                    && (verified.isBoolean() && verified.booleanValue()
                        || verified.isTextual() && verified.textValue().equals("true"));
            if (!isTrue) {
                throw new TokenException(EMAIL_NOT_VERIFIED, "email is not verified");
            }
        }
        return expiresAt;
    }

    /** RFC 7519 §4.1.3: a single string, or an array of strings, one of which must be ours. */
    private static void checkAudience(JsonNode aud, String expected) throws TokenException {
        if (aud == null) {
            throw new TokenException(MISSING_CLAIM, "missing claim aud");
        }
        if (aud.isTextual()) {
            if (!aud.textValue().equals(expected)) {
                throw new TokenException(WRONG_AUDIENCE, "token is for another audience");
            }
            return;
        }
        if (!aud.isArray()) {
            throw new TokenException(MALFORMED, "aud is neither a string nor an array");
        }
        for (JsonNode member : aud) {
            if (member.isTextual() && member.textValue().equals(expected)) {
                return;
            }
        }
        throw new TokenException(WRONG_AUDIENCE, "token is for another audience");
    }

    static void requireString(ObjectNode claims, String name) throws TokenException {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            throw new TokenException(MISSING_CLAIM, "missing claim " + name);
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new TokenException(MISSING_CLAIM, "claim " + name + " is not a non-empty string");
        }
    }

    /** RFC 7519 §2 NumericDate: seconds since the epoch, possibly fractional (the fraction is dropped). */
    private static Optional<Instant> numericDate(ObjectNode claims, String name) throws TokenException {
        JsonNode value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw new TokenException(MALFORMED, name + " is not a number");
        }
        double seconds = Math.floor(value.doubleValue());
        if (!(seconds >= 0 && seconds <= MAX_EPOCH_SECOND)) {
            throw new TokenException(MALFORMED, name + " is out of range");
        }
        return Optional.of(Instant.ofEpochSecond((long) seconds));
    }
}
