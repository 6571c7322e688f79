package dev.hallmark.ca.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.fulcio.CertificateAuthority;
import dev.hallmark.ca.fulcio.IdentityProfiles;
import dev.hallmark.ca.keys.CaChain;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import java.time.Instant;
import java.time.InstantSource;

/** Shared test material: a fixed clock, a P-384 CA chain, and tokens shaped like real CI tokens. */
public final class Fixtures {
    /** The playwright-cli leaf's issuance time (sigstore.md §1.2 example). */
    public static final Instant NOW = Instant.parse("2026-02-14T23:28:43Z");
    public static final InstantSource CLOCK = InstantSource.fixed(NOW);
    public static final String SHA = "d1c6d1113932ddcee243e8b111b6d4aea553df20";

    private static final CaChain CHAIN = CaChain.create(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384),
            Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384), NOW.minusSeconds(86_400));

    private Fixtures() {
    }

    public static CaChain chain() {
        return CHAIN;
    }

    public static CertificateAuthority ca(TestCtLog log) {
        return CertificateAuthority.create(CHAIN, log, IdentityProfiles.standard(), CLOCK);
    }

    /** The GitHub Actions token behind the playwright-cli 0.1.1 leaf (sigstore.md §1.3 example column). */
    public static ObjectNode githubClaims() {
        ObjectNode c = Json.object();
        c.put("iss", TestTokens.GITHUB);
        c.put("sub", "repo:microsoft/playwright-cli:ref:refs/tags/v0.1.1");
        c.put("event_name", "release");
        c.put("sha", SHA);
        c.put("workflow", "Publish");
        c.put("repository", "microsoft/playwright-cli");
        c.put("ref", "refs/tags/v0.1.1");
        c.put("ref_type", "tag");
        c.put("job_workflow_ref", "microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1");
        c.put("job_workflow_sha", SHA);
        c.put("runner_environment", "github-hosted");
        c.put("repository_id", "273562379");
        c.put("repository_owner", "microsoft");
        c.put("repository_owner_id", "6154722");
        c.put("workflow_ref", "microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1");
        c.put("workflow_sha", SHA);
        c.put("run_id", "22026075834");
        c.put("run_attempt", "1");
        c.put("repository_visibility", "public");
        c.put("actor", "someone");
        return c;
    }

    public static ObjectNode gitlabClaims() {
        ObjectNode c = Json.object();
        c.put("iss", TestTokens.GITLAB);
        c.put("sub", "project_path:group/project:ref_type:branch:ref:main");
        c.put("project_path", "group/project");
        c.put("project_id", "42");
        c.put("namespace_path", "group");
        c.put("namespace_id", "7");
        c.put("ref", "main");
        c.put("ref_type", "branch");
        c.put("sha", SHA);
        c.put("ci_config_ref_uri", "gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main");
        c.put("ci_config_sha", "0123456789abcdef0123456789abcdef01234567");
        c.put("runner_environment", "gitlab-hosted");
        c.put("pipeline_source", "push");
        c.put("job_id", "1001");
        c.put("project_visibility", "private");
        c.put("environment", "production");
        return c;
    }

    public static ObjectNode emailClaims() {
        ObjectNode c = Json.object();
        c.put("iss", TestTokens.EMAIL);
        c.put("sub", "1234567890");
        c.put("email", "dev@example.com");
        c.put("email_verified", true);
        return c;
    }
}
