package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.cli.CliException;
import dev.hallmark.cli.IdentityToken;
import dev.hallmark.cli.ServiceCall;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The CI a publish runs in, detected from its environment as npm does (ci-info: {@code GITHUB_ACTIONS},
 * {@code GITLAB_CI}), and how each hands out OIDC tokens (npm.md §10.3, §11.1). Any other CI that can put a token
 * the CA accepts into {@code SIGSTORE_ID_TOKEN} is {@link GenericOidc}: npm refuses it, Hallmark signs for it and
 * states in the provenance what the CA certified.
 */
public sealed interface CiEnvironment {
    /** The audience a Sigstore CA expects (npm.md §10.3). */
    String SIGSTORE_AUDIENCE = "sigstore";

    /** The CI's name as npm prints it ("GitHub Actions", "GitLab CI"). */
    String name();

    /** The environment the job sees; statements copy from it. */
    Map<String, String> env();

    /** The token the CA gets, or a one-line error saying what the job lacks (npm's EUSAGE messages). */
    IdentityToken sigstoreToken(ServiceCall http);

    /** A token for the registry's trusted-publishing exchange (audience {@code npm:<registry host>}), if the CI has one. */
    Optional<String> npmToken(ServiceCall http, String audience);

    static CiEnvironment detect(Map<String, String> env) {
        if (env.containsKey("GITHUB_ACTIONS")) {
            return new GithubActions(env);
        }
        if (env.containsKey("GITLAB_CI")) {
            return new GitlabCi(env);
        }
        if (present(env, "SIGSTORE_ID_TOKEN")) {
            return new GenericOidc(env);
        }
        return new NoCi(env);
    }

    /** GitHub Actions: tokens come from the job's id-token endpoint, for any audience. */
    record GithubActions(Map<String, String> env) implements CiEnvironment {
        static final int MAX_RESPONSE_BYTES = 64 * 1024;

        public GithubActions {
            env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return "GitHub Actions";
        }

        @Override
        public IdentityToken sigstoreToken(ServiceCall http) {
            if (!present(env, "ACTIONS_ID_TOKEN_REQUEST_URL") || !present(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")) {
                throw CliException.usage("Provenance generation in GitHub Actions requires \"write\" access to the "
                        + "\"id-token\" permission");
            }
            return IdentityToken.parse(request(http, SIGSTORE_AUDIENCE));
        }

        @Override
        public Optional<String> npmToken(ServiceCall http, String audience) {
            if (present(env, "NPM_ID_TOKEN")) {
                return Optional.of(env.get("NPM_ID_TOKEN"));
            }
            if (!present(env, "ACTIONS_ID_TOKEN_REQUEST_URL") || !present(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")) {
                return Optional.empty();
            }
            return Optional.of(request(http, audience));
        }

        /** {@code GET <request URL>&audience=A} with the request token; the answer is {@code {"value": "<JWT>"}}. */
        private String request(ServiceCall http, String audience) {
            String base = env.get("ACTIONS_ID_TOKEN_REQUEST_URL");
            URI url = ServiceCall.url(base + (base.contains("?") ? "&" : "?") + "audience="
                    + URLEncoder.encode(audience, StandardCharsets.UTF_8), "ACTIONS_ID_TOKEN_REQUEST_URL");
            byte[] body = ServiceCall.expectOk(http.send(HttpRequest.newBuilder(url).GET()
                            .header("Accept", "application/json")
                            .header("Authorization", "Bearer " + env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")),
                    MAX_RESPONSE_BYTES, "the GitHub Actions id-token endpoint"), "the GitHub Actions id-token endpoint");
            try {
                JsonNode value = new ObjectMapper().readTree(body).path("value");
                if (!value.isTextual() || value.asText().isEmpty()) {
                    throw CliException.failed("the GitHub Actions id-token endpoint answered no token");
                }
                return value.asText();
            } catch (IOException e) {
                throw CliException.failed("the GitHub Actions id-token endpoint answered something that is not JSON");
            }
        }
    }

    /** GitLab CI: tokens are declared in the job's {@code id_tokens} and arrive as variables. */
    record GitlabCi(Map<String, String> env) implements CiEnvironment {
        public GitlabCi {
            env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return "GitLab CI";
        }

        @Override
        public IdentityToken sigstoreToken(ServiceCall http) {
            if (!present(env, "SIGSTORE_ID_TOKEN")) {
                throw CliException.usage("Provenance generation in GitLab CI requires \"SIGSTORE_ID_TOKEN\" with "
                        + "\"sigstore\" audience to be present in \"id_tokens\"");
            }
            return IdentityToken.parse(env.get("SIGSTORE_ID_TOKEN"));
        }

        @Override
        public Optional<String> npmToken(ServiceCall http, String audience) {
            return Optional.ofNullable(env.get("NPM_ID_TOKEN")).filter(t -> !t.isBlank());
        }
    }

    /** Any other CI whose token the CA accepts, in {@code SIGSTORE_ID_TOKEN} (and {@code NPM_ID_TOKEN} for the registry). */
    record GenericOidc(Map<String, String> env) implements CiEnvironment {
        public GenericOidc {
            env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return "the CI's OIDC identity";
        }

        @Override
        public IdentityToken sigstoreToken(ServiceCall http) {
            return IdentityToken.parse(env.get("SIGSTORE_ID_TOKEN"));
        }

        @Override
        public Optional<String> npmToken(ServiceCall http, String audience) {
            return Optional.ofNullable(env.get("NPM_ID_TOKEN")).filter(t -> !t.isBlank());
        }
    }

    /** Not in a CI: a publish works with a registry token, but there is no identity to sign provenance with. */
    record NoCi(Map<String, String> env) implements CiEnvironment {
        public NoCi {
            env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return "no CI";
        }

        @Override
        public IdentityToken sigstoreToken(ServiceCall http) {
            throw CliException.usage("provenance needs a CI identity: run in GitHub Actions or GitLab CI, or set "
                    + "SIGSTORE_ID_TOKEN to an OIDC token the instance's CA accepts");
        }

        @Override
        public Optional<String> npmToken(ServiceCall http, String audience) {
            return Optional.ofNullable(env.get("NPM_ID_TOKEN")).filter(t -> !t.isBlank());
        }
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
