package dev.hallmark.ca.oidc;

import static dev.hallmark.ca.oidc.DevIssuerException.Reason.BAD_REQUEST;
import static dev.hallmark.ca.oidc.DevIssuerException.Reason.TOO_LARGE;
import static dev.hallmark.ca.oidc.DevIssuerException.Reason.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The development issuers, driven over HTTP the way a CI job and npm drive the real ones. */
class DevIssuerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Signer KEY = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private OidcTestServer server;
    private TestClock clock;
    private DevGithubIssuer github;
    private DevGitlabIssuer gitlab;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        server = new OidcTestServer();
        clock = new TestClock(T0);
        github = new DevGithubIssuer(KEY, server.base() + "/oidc/github", clock);
        gitlab = new DevGitlabIssuer(KEY, server.base() + "/oidc/gitlab", clock);
        server.serveIssuer("/oidc/github", github::discovery, github::jwks);
        server.serveIssuer("/oidc/gitlab", gitlab::discovery, gitlab::jwks);
        // the adapter hallmark-server will have: bodies in, JSON out, reasons to statuses
        server.route("/oidc/github/dev/jobs", x -> answer(() -> github.createJob(body(x))));
        server.route("/oidc/github/dev/token", x -> answer(() -> github.token(bearer(x), audience(x))));
        server.route("/oidc/gitlab/dev/token", x -> answer(() -> gitlab.token(body(x))));
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private interface Call {
        String run() throws DevIssuerException;
    }

    private static OidcTestServer.Response answer(Call call) {
        try {
            return OidcTestServer.Response.json(call.run());
        } catch (DevIssuerException e) {
            int status = switch (e.reason()) {
                case BAD_REQUEST -> 400;
                case TOO_LARGE -> 413;
                case UNAUTHORIZED -> 401;
                case OVERLOADED -> 503;
            };
            return new OidcTestServer.Response(status, new byte[0], Map.of());
        }
    }

    private static byte[] body(HttpExchange x) {
        try {
            return x.getRequestBody().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bearer(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    }

    private static String audience(HttpExchange x) {
        for (String param : x.getRequestURI().getRawQuery().split("&")) {
            if (param.startsWith("audience=")) {
                return URLDecoder.decode(param.substring(9), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return OidcJson.readObject(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode payload(String jwt) throws Exception {
        return OidcJson.readObject(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private FederatedTokenVerifier verifier(String issuer, IssuerType type) {
        return new FederatedTokenVerifier(List.of(new IssuerConfig(Optional.of(issuer), Optional.empty(), "sigstore",
                type, "sub")), HttpKeySetSource.withDefaults(), clock);
    }

    @Test
    void githubJobProtocolEndToEnd() throws Exception {
        String claims = "{\"repository\":\"acme/widget\",\"ref\":\"refs/tags/v1.0.0\",\"sha\":\"" + "ab".repeat(20)
                + "\",\"event_name\":\"release\",\"workflow\":\"Publish\",\"runner_environment\":\"self-hosted\","
                + "\"repository_id\":273562379,\"repository_visibility\":\"private\"}";
        HttpResponse<String> created = post("/oidc/github/dev/jobs", claims);
        assertThat(created.statusCode()).isEqualTo(200);
        String requestUrl = json(created.body()).get("requestUrl").textValue();
        String requestToken = json(created.body()).get("requestToken").textValue();
        assertThat(requestUrl).startsWith(github.tokenUrl() + "?");

        // exactly what npm does (npm.md §10.3): the URL plus &audience=, the job token as bearer
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(requestUrl + "&audience=sigstore"))
                .header("Authorization", "Bearer " + requestToken).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isEqualTo(200);
        String jwt = json(issued.body()).get("value").textValue();

        JsonNode p = payload(jwt);
        assertThat(p.get("iss").textValue()).isEqualTo(github.issuerUrl());
        assertThat(p.get("aud").textValue()).isEqualTo("sigstore");
        assertThat(p.get("sub").textValue()).isEqualTo("repo:acme/widget:ref:refs/tags/v1.0.0");
        assertThat(p.get("sha").textValue()).isEqualTo("ab".repeat(20));
        assertThat(p.get("event_name").textValue()).isEqualTo("release");
        assertThat(p.get("workflow").textValue()).isEqualTo("Publish");
        assertThat(p.get("runner_environment").textValue()).isEqualTo("self-hosted");
        assertThat(p.get("repository_visibility").textValue()).isEqualTo("private");
        assertThat(p.get("repository_id").textValue()).as("numbers become strings, as GitHub sends them")
                .isEqualTo("273562379");
        assertThat(p.get("repository_owner").textValue()).isEqualTo("acme");
        assertThat(p.get("ref_type").textValue()).isEqualTo("tag");
        assertThat(p.get("workflow_ref").textValue()).isEqualTo("acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");
        assertThat(p.get("iat").longValue()).isEqualTo(T0.getEpochSecond());
        assertThat(p.get("exp").longValue() - p.get("iat").longValue()).isEqualTo(600);
        assertThat(p.get("jti").textValue()).isNotEmpty();

        VerifiedToken verified = verifier(github.issuerUrl(), IssuerType.GITHUB_WORKFLOW).verify(jwt);
        assertThat(verified.claim("job_workflow_ref")).contains("acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0");

        // a wrong bearer is refused with 401, as GitHub does
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create(requestUrl + "&audience=sigstore"))
                .header("Authorization", "Bearer " + requestToken + "x").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(401);
    }

    @Test
    void githubDefaultsAndSubjects() throws Exception {
        String requestToken = json(github.createJob(new byte[0])).get("requestToken").textValue();
        JsonNode p = payload(json(github.token(requestToken, null)).get("value").textValue());
        assertThat(p.get("aud").textValue()).as("GitHub's default audience").isEqualTo("https://github.com/hallmark-dev");
        for (String name : FederatedTokenVerifier.requiredClaims(IssuerType.GITHUB_WORKFLOW)) {
            assertThat(p.get(name).textValue()).as(name).isNotEmpty();
        }
        ObjectNode env = DevGithubIssuer.withDefaults(DevClaims.claims(json("{\"environment\":\"npm\"}")));
        assertThat(env.get("sub").textValue()).isEqualTo("repo:hallmark-dev/example:environment:npm");
    }

    @Test
    void githubJobTokensAreCheckedAndExpire() throws Exception {
        String requestToken = json(github.createJob("{}".getBytes(StandardCharsets.UTF_8))).get("requestToken")
                .textValue();
        assertThat(catchThrowableOfType(DevIssuerException.class, () -> github.token("nope", "sigstore")).reason())
                .isEqualTo(UNAUTHORIZED);
        assertThat(catchThrowableOfType(DevIssuerException.class, () -> github.token(null, "sigstore")).reason())
                .isEqualTo(UNAUTHORIZED);
        assertThat(json(github.token(requestToken, "sigstore")).get("value").textValue()).isNotEmpty();
        clock.advance(DevGithubIssuer.JOB_LIFETIME);
        assertThat(catchThrowableOfType(DevIssuerException.class, () -> github.token(requestToken, "sigstore"))
                .reason()).isEqualTo(UNAUTHORIZED);
        github.createJob(new byte[0]);
        assertThat(github.liveJobs()).as("expired jobs are purged").isEqualTo(1);
    }

    @Test
    void badJobRequests() {
        for (String body : List.of("[]", "{\"repository\":{\"a\":1}}", "{\"ref\":[\"x\"]}", "{\"sha\":null}",
                "{\"iss\":\"https://evil\"}", "{\"exp\":1}", "not json", "{\"a\":1,\"a\":2}")) {
            assertThat(catchThrowableOfType(DevIssuerException.class,
                    () -> github.createJob(body.getBytes(StandardCharsets.UTF_8))).reason()).as(body)
                    .isEqualTo(BAD_REQUEST);
        }
        byte[] huge = ("{\"x\":\"" + "a".repeat(DevClaims.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(DevIssuerException.class, () -> github.createJob(huge)).reason())
                .isEqualTo(TOO_LARGE);
        assertThat(catchThrowableOfType(DevIssuerException.class, () -> gitlab.token(huge)).reason())
                .isEqualTo(TOO_LARGE);
    }

    @Test
    void gitlabTokenOverHttpVerifies() throws Exception {
        HttpResponse<String> response = post("/oidc/gitlab/dev/token", "{\"audience\":\"sigstore\",\"claims\":"
                + "{\"project_path\":\"group/sub/project\",\"ref\":\"v2.0.0\",\"ref_type\":\"tag\","
                + "\"pipeline_source\":\"web\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        String jwt = json(response.body()).get("token").textValue();
        VerifiedToken verified = verifier(gitlab.issuerUrl(), IssuerType.GITLAB_PIPELINE).verify(jwt);
        assertThat(verified.subject()).isEqualTo("project_path:group/sub/project:ref_type:tag:ref:v2.0.0");
        assertThat(verified.claim("namespace_path")).contains("group/sub");
        assertThat(verified.claim("pipeline_source")).contains("web");
        assertThat(verified.claim("ci_config_ref_uri"))
                .contains("gitlab.com/group/sub/project//.gitlab-ci.yml@refs/tags/v2.0.0");
        assertThat(verified.claim("runner_environment")).contains("gitlab-hosted");
        assertThat(verified.claim("iss")).contains(gitlab.issuerUrl());
    }

    @Test
    void badGitlabRequests() {
        for (String body : List.of("{}", "{\"audience\":\"\"}", "{\"audience\":1}", "{\"audience\":\"a\",\"x\":1}",
                "{\"audience\":\"a\",\"claims\":[]}", "{\"audience\":\"a\",\"claims\":{\"ref_type\":\"x\"}}",
                "{\"audience\":\"a\",\"claims\":{\"aud\":\"b\"}}")) {
            assertThat(catchThrowableOfType(DevIssuerException.class,
                    () -> gitlab.token(body.getBytes(StandardCharsets.UTF_8))).reason()).as(body)
                    .isEqualTo(BAD_REQUEST);
        }
    }

    @Test
    void discoveryAndJwksDescribeTheKey() throws Exception {
        JsonNode discovery = json(github.discovery());
        assertThat(discovery.get("issuer").textValue()).isEqualTo(github.issuerUrl());
        assertThat(discovery.get("jwks_uri").textValue()).isEqualTo(github.jwksUrl());
        assertThat(discovery.get("id_token_signing_alg_values_supported").get(0).textValue()).isEqualTo("ES256");
        JsonNode key = json(github.jwks()).get("keys").get(0);
        assertThat(key.get("kty").textValue()).isEqualTo("EC");
        assertThat(key.get("crv").textValue()).isEqualTo("P-256");
        assertThat(key.get("kid").textValue()).isNotEmpty();
        assertThat(key.has("d")).as("no private part").isFalse();
        String header = new String(Base64.getUrlDecoder().decode(
                json(github.token(json(github.createJob(new byte[0])).get("requestToken").textValue(), "x"))
                        .get("value").textValue().split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(json(header).get("kid").textValue()).isEqualTo(key.get("kid").textValue());
    }
}
