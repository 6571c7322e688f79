package dev.hallmark.ca.fulcio;

import static dev.hallmark.core.x509.FulcioExtension.BUILD_CONFIG_DIGEST;
import static dev.hallmark.core.x509.FulcioExtension.BUILD_CONFIG_URI;
import static dev.hallmark.core.x509.FulcioExtension.BUILD_SIGNER_DIGEST;
import static dev.hallmark.core.x509.FulcioExtension.BUILD_SIGNER_URI;
import static dev.hallmark.core.x509.FulcioExtension.BUILD_TRIGGER;
import static dev.hallmark.core.x509.FulcioExtension.DEPLOYMENT_ENVIRONMENT;
import static dev.hallmark.core.x509.FulcioExtension.GITHUB_WORKFLOW_NAME;
import static dev.hallmark.core.x509.FulcioExtension.GITHUB_WORKFLOW_REF;
import static dev.hallmark.core.x509.FulcioExtension.GITHUB_WORKFLOW_REPOSITORY;
import static dev.hallmark.core.x509.FulcioExtension.GITHUB_WORKFLOW_SHA;
import static dev.hallmark.core.x509.FulcioExtension.GITHUB_WORKFLOW_TRIGGER;
import static dev.hallmark.core.x509.FulcioExtension.ISSUER;
import static dev.hallmark.core.x509.FulcioExtension.ISSUER_V1;
import static dev.hallmark.core.x509.FulcioExtension.RUNNER_ENVIRONMENT;
import static dev.hallmark.core.x509.FulcioExtension.RUN_INVOCATION_URI;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_DIGEST;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_OWNER_URI;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_REF;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_URI;
import static dev.hallmark.core.x509.FulcioExtension.SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING;
import static dev.hallmark.core.x509.FulcioExtension.TOKEN_SUBJECT;

import dev.hallmark.ca.fulcio.IdentityProfile.SanKind;
import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.ca.oidc.IssuerConfig;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.core.x509.FulcioExtension;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity profile for each issuer type, and optional per-issuer overrides (a GitHub Enterprise Server issuer is a
 * {@code github-workflow} issuer whose {@code url} default is its own host). The standard table is sigstore.md §1.3,
 * transcribed from Fulcio's {@code config/identity/config.yaml}; {@code ci-provider} without an override uses the
 * GitHub Actions templates, as the public-good instance does for {@code token.actions.githubusercontent.com}.
 */
public record IdentityProfiles(Map<IssuerType, IdentityProfile> byType, Map<String, IdentityProfile> byIssuerUrl) {
    public IdentityProfiles {
        byType = Map.copyOf(Objects.requireNonNull(byType, "byType"));
        byIssuerUrl = Map.copyOf(Objects.requireNonNull(byIssuerUrl, "byIssuerUrl"));
    }

    public static final IdentityProfile GITHUB_WORKFLOW = new IdentityProfile(SanKind.URI, "{{url}}/{{job_workflow_ref}}",
            ordered(Map.ofEntries(
                    Map.entry(ISSUER_V1, "iss"),
                    Map.entry(GITHUB_WORKFLOW_TRIGGER, "event_name"),
                    Map.entry(GITHUB_WORKFLOW_SHA, "sha"),
                    Map.entry(GITHUB_WORKFLOW_NAME, "workflow"),
                    Map.entry(GITHUB_WORKFLOW_REPOSITORY, "repository"),
                    Map.entry(GITHUB_WORKFLOW_REF, "ref"),
                    Map.entry(ISSUER, "iss"),
                    Map.entry(BUILD_SIGNER_URI, "{{url}}/{{job_workflow_ref}}"),
                    Map.entry(BUILD_SIGNER_DIGEST, "job_workflow_sha"),
                    Map.entry(RUNNER_ENVIRONMENT, "runner_environment"),
                    Map.entry(SOURCE_REPOSITORY_URI, "{{url}}/{{repository}}"),
                    Map.entry(SOURCE_REPOSITORY_DIGEST, "sha"),
                    Map.entry(SOURCE_REPOSITORY_REF, "ref"),
                    Map.entry(SOURCE_REPOSITORY_IDENTIFIER, "repository_id"),
                    Map.entry(SOURCE_REPOSITORY_OWNER_URI, "{{url}}/{{repository_owner}}"),
                    Map.entry(SOURCE_REPOSITORY_OWNER_IDENTIFIER, "repository_owner_id"),
                    Map.entry(BUILD_CONFIG_URI, "{{url}}/{{workflow_ref}}"),
                    Map.entry(BUILD_CONFIG_DIGEST, "workflow_sha"),
                    Map.entry(BUILD_TRIGGER, "event_name"),
                    Map.entry(RUN_INVOCATION_URI, "{{url}}/{{repository}}/actions/runs/{{run_id}}/attempts/{{run_attempt}}"),
                    Map.entry(SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING, "repository_visibility"),
                    Map.entry(DEPLOYMENT_ENVIRONMENT, "environment"),
                    Map.entry(TOKEN_SUBJECT, "sub"))),
            Map.of("url", "https://github.com", "environment", ""), Map.of());

    public static final IdentityProfile GITLAB_PIPELINE = new IdentityProfile(SanKind.URI, "https://{{ci_config_ref_uri}}",
            ordered(Map.ofEntries(
                    Map.entry(ISSUER_V1, "iss"),
                    Map.entry(ISSUER, "iss"),
                    Map.entry(BUILD_SIGNER_URI, "https://{{ci_config_ref_uri}}"),
                    Map.entry(BUILD_SIGNER_DIGEST, "ci_config_sha"),
                    Map.entry(RUNNER_ENVIRONMENT, "runner_environment"),
                    Map.entry(SOURCE_REPOSITORY_URI, "{{url}}/{{project_path}}"),
                    Map.entry(SOURCE_REPOSITORY_DIGEST, "sha"),
                    Map.entry(SOURCE_REPOSITORY_REF, "{{hallmark_gitlab_ref}}"),
                    Map.entry(SOURCE_REPOSITORY_IDENTIFIER, "project_id"),
                    Map.entry(SOURCE_REPOSITORY_OWNER_URI, "{{url}}/{{namespace_path}}"),
                    Map.entry(SOURCE_REPOSITORY_OWNER_IDENTIFIER, "namespace_id"),
                    Map.entry(BUILD_CONFIG_URI, "https://{{ci_config_ref_uri}}"),
                    Map.entry(BUILD_CONFIG_DIGEST, "ci_config_sha"),
                    Map.entry(BUILD_TRIGGER, "pipeline_source"),
                    Map.entry(RUN_INVOCATION_URI, "{{url}}/{{project_path}}/-/jobs/{{job_id}}"),
                    Map.entry(SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING, "project_visibility"),
                    Map.entry(DEPLOYMENT_ENVIRONMENT, "environment"),
                    Map.entry(TOKEN_SUBJECT, "sub"))),
            Map.of("url", "https://gitlab.com", "environment", ""),
            Map.of("hallmark_gitlab_ref", IdentityProfiles::gitlabRef));

    /** E-mail identities: the verified address as rfc822Name, and only 1.1, 1.8 and 1.24 (sigstore.md §1.3). */
    public static final IdentityProfile EMAIL = new IdentityProfile(SanKind.EMAIL, "email",
            ordered(Map.of(ISSUER_V1, "iss", ISSUER, "iss", TOKEN_SUBJECT, "sub")), Map.of(), Map.of());

    /** URI identities: the subject claim is itself the URI (Fulcio's {@code uri} issuer type). */
    public static final IdentityProfile URI = new IdentityProfile(SanKind.URI, "sub",
            ordered(Map.of(ISSUER_V1, "iss", ISSUER, "iss", TOKEN_SUBJECT, "sub")), Map.of(), Map.of());

    /** The sigstore.md §1.3 table for every issuer type, with no per-issuer overrides. */
    public static IdentityProfiles standard() {
        Map<IssuerType, IdentityProfile> byType = new EnumMap<>(IssuerType.class);
        byType.put(IssuerType.GITHUB_WORKFLOW, GITHUB_WORKFLOW);
        byType.put(IssuerType.CI_PROVIDER, GITHUB_WORKFLOW);
        byType.put(IssuerType.GITLAB_PIPELINE, GITLAB_PIPELINE);
        byType.put(IssuerType.EMAIL, EMAIL);
        byType.put(IssuerType.URI, URI);
        return new IdentityProfiles(byType, Map.of());
    }

    /** These profiles with one issuer (by its exact URL, or its wildcard pattern) mapped to its own profile. */
    public IdentityProfiles withIssuer(String issuerUrl, IdentityProfile profile) {
        Map<String, IdentityProfile> changed = new LinkedHashMap<>(byIssuerUrl);
        changed.put(issuerUrl, profile);
        return new IdentityProfiles(byType, changed);
    }

    /**
     * These profiles with a configured issuer's claim mapping (hallmark.yaml {@code claimMapping}) applied to its
     * type's profile, keyed like {@link #forIssuer} looks it up.
     */
    public IdentityProfiles withMapping(IssuerConfig issuer, ClaimMapping mapping) {
        IdentityProfile typeProfile = byType.get(issuer.type());
        if (typeProfile == null) {
            throw new IllegalArgumentException("no identity profile for issuer type " + issuer.type().configName());
        }
        return withIssuer(issuer.url().or(issuer::wildcardUrl).orElseThrow(), mapping.applyTo(typeProfile));
    }

    /** The profile for a token's configured issuer: an override for its URL first, else its type's profile. */
    public IdentityProfile forIssuer(IssuerConfig issuer) {
        String key = issuer.url().or(issuer::wildcardUrl).orElseThrow();
        IdentityProfile profile = byIssuerUrl.get(key);
        if (profile == null) {
            profile = byType.get(issuer.type());
        }
        if (profile == null) {
            throw new IllegalStateException("no identity profile for issuer type " + issuer.type().configName());
        }
        return profile;
    }

    /** GitLab's 1.14: {@code refs/heads/{{ref}}} for a branch, {@code refs/tags/{{ref}}} for a tag (sigstore.md §1.3). */
    private static Optional<String> gitlabRef(dev.hallmark.ca.oidc.VerifiedToken token) throws IssuanceException {
        Optional<String> ref = IdentityProfile.claimText(token, "ref");
        Optional<String> type = IdentityProfile.claimText(token, "ref_type");
        if (ref.isEmpty() || type.isEmpty()) {
            throw new IssuanceException(Reason.MISSING_CLAIM, "the token lacks ref or ref_type");
        }
        return switch (type.get()) {
            case "branch" -> Optional.of("refs/heads/" + ref.get());
            case "tag" -> Optional.of("refs/tags/" + ref.get());
            default -> throw new IssuanceException(Reason.INVALID_CLAIM, "unexpected ref_type " + type.get());
        };
    }

    private static Map<FulcioExtension, String> ordered(Map<FulcioExtension, String> templates) {
        return new EnumMap<>(templates);
    }
}
