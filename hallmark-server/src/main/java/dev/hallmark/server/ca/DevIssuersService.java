package dev.hallmark.server.ca;

import dev.hallmark.ca.oidc.DevGithubIssuer;
import dev.hallmark.ca.oidc.DevGitlabIssuer;
import dev.hallmark.ca.oidc.DevIssuerException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.Services;
import dev.hallmark.server.http.HttpError;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.server.keys.KeyName;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The development OIDC issuers of DESIGN.md, only with {@code --dev}: a GitHub-Actions-like issuer at
 * {@code /oidc/github} (the job token protocol npm uses: {@code ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN}) and a GitLab-like
 * one at {@code /oidc/gitlab}, each with discovery and JWKS, so the whole flow runs on one machine. The CA trusts them
 * only in that mode.
 */
public final class DevIssuersService {
    static final KeyName GITHUB_KEY = KeyName.of("oidc-github-dev");
    static final KeyName GITLAB_KEY = KeyName.of("oidc-gitlab-dev");

    private DevIssuersService() {
    }

    static String githubUrl(ServiceContext context) {
        return context.urls().server() + "/oidc/github";
    }

    static String gitlabUrl(ServiceContext context) {
        return context.urls().server() + "/oidc/gitlab";
    }

    public static void wire(ServiceContext context, Services services) throws Exception {
        if (!context.config().dev()) {
            return;
        }
        DevGithubIssuer github = new DevGithubIssuer(context.keys().signer(GITHUB_KEY, SignatureAlgorithm.ECDSA_P256_SHA256),
                githubUrl(context), context.clock());
        services.add(RouteGroup.builder("oidc_github", "/oidc/github")
                .get("/.well-known/openid-configuration", r -> json(github::discovery))
                .get("/.well-known/jwks", r -> json(github::jwks))
                .post("/dev/jobs", r -> json(() -> github.createJob(r.body().toArray())))
                .get("/dev/token", r -> json(() -> github.token(bearer(r.header("authorization").orElse("")),
                        r.queryParam("audience").orElse(""))))
                .build());
        DevGitlabIssuer gitlab = new DevGitlabIssuer(context.keys().signer(GITLAB_KEY, SignatureAlgorithm.ECDSA_P256_SHA256),
                gitlabUrl(context), context.clock());
        services.add(RouteGroup.builder("oidc_gitlab", "/oidc/gitlab")
                .get("/.well-known/openid-configuration", r -> json(gitlab::discovery))
                .get("/.well-known/jwks", r -> json(gitlab::jwks))
                .post("/dev/token", r -> json(() -> gitlab.token(r.body().toArray())))
                .build());
    }

    private static String bearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
    }

    private static Response json(Callable<String> body) throws Exception {
        try {
            return Response.json(200, Bytes.utf8(body.call()).toArray());
        } catch (DevIssuerException e) {
            throw switch (e.reason()) {
                case BAD_REQUEST -> HttpError.badRequest(e.getMessage());
                case TOO_LARGE -> HttpError.payloadTooLarge();
                case UNAUTHORIZED -> new HttpError(401, "unknown or expired job token", java.util.Optional.empty());
                case OVERLOADED -> HttpError.unavailable(Duration.ofSeconds(1));
            };
        }
    }
}
