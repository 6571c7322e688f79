package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trusted publishing (npm.md §11) with stock npm 11: in a fake GitHub Actions job whose OIDC token comes from the
 * development GitHub issuer, with no npm token configured at all, {@code npm publish} exchanges the job's token
 * (audience {@code npm:127.0.0.1}) for a short-lived package token and publishes. The repository is private, so npm
 * does not switch provenance on by itself (that would sign through public-good Sigstore, unreachable here).
 */
class TrustedPublishingInteropTest {
    @TempDir
    static Path dir;
    static HallmarkServer server;
    static String aliceToken;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WORKFLOW_REF = "acme/widget/.github/workflows/release.yml@refs/tags/v1.0.1";

    @BeforeAll
    static void start() throws Exception {
        server = HallmarkServer.builder(dir.resolve("data"))
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                        Optional.empty(), true))
                .start();
        aliceToken = RegistryHttp.login(registry(), "alice");
        assertThat(send("PUT", "/widget", aliceToken, RegistryFixture.publishBody("widget", "1.0.0").toString())
                .statusCode()).isEqualTo(201);
        HttpResponse<String> trust = send("POST", "/-/package/widget/trust", aliceToken,
                "[{\"type\":\"github\",\"claims\":{\"repository\":\"acme/widget\",\"workflow_ref\":{\"file\":\"release.yml\"}},"
                        + "\"permissions\":[\"createPackage\"]}]");
        assertThat(trust.statusCode()).as(trust.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String registry() {
        return server.urls().registry().toString().replaceAll("/+$", "");
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(registry() + path)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A job of the development GitHub issuer: what a job sees as ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN. */
    static JsonNode job(String repository, String workflowRef) throws Exception {
        Map<String, String> claims = Map.of("repository", repository, "workflow_ref", workflowRef,
                "job_workflow_ref", workflowRef, "ref", "refs/tags/v1.0.1", "repository_visibility", "private",
                "runner_environment", "self-hosted");
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.urls().server() + "/oidc/github/dev/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(claims))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static String idToken(JsonNode job, String audience) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(job.get("requestUrl").asText()
                        + "&audience=" + audience)).header("authorization", "Bearer " + job.get("requestToken").asText())
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("value").asText();
    }

    @Test
    void stockNpmPublishesFromTheTrustedWorkflowWithoutAnNpmToken() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("widget"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"widget\",\"version\":\"1.0.1\",\"license\":\"MIT\","
                + "\"repository\":{\"type\":\"git\",\"url\":\"git+https://github.com/acme/widget.git\"}}");
        Files.writeString(pkg.resolve("index.js"), "module.exports = 1;\n");
        JsonNode job = job("acme/widget", WORKFLOW_REF);
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".npmrc"), "registry=" + registry() + "/\n");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("npm_config_cache", dir.resolve("cache").toString());
        env.put("npm_config_userconfig", home.resolve(".npmrc").toString());
        env.put("npm_config_update_notifier", "false");
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", job.get("requestUrl").asText());
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", job.get("requestToken").asText());
        env.put("GITHUB_REPOSITORY", "acme/widget");
        env.put("GITHUB_WORKFLOW_REF", WORKFLOW_REF);
        env.put("RUNNER_ENVIRONMENT", "self-hosted");
        List<String> command = new ArrayList<>(List.of("npm", "publish", "--loglevel=verbose"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(pkg.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("+ widget@1.0.1");
        JsonNode packument = JSON.readTree(send("GET", "/widget", null, null).body());
        assertThat(packument.at("/versions/1.0.1/_npmUser/name").asText()).isEqualTo("alice");
        assertThat(packument.at("/dist-tags/latest").asText()).isEqualTo("1.0.1");
    }

    /** The maintainer's side with stock npm: {@code npm trust github | list | revoke} against this registry. */
    @Test
    void stockNpmTrustCommandsConfigureListAndRevoke() throws Exception {
        RegistryHttp.publish(registry(), aliceToken, "gizmo", "1.0.0");
        Path home = Files.createDirectories(dir.resolve("trust-home"));
        String host = registry().replaceFirst("^https?:", "");
        Files.writeString(home.resolve(".npmrc"), "registry=" + registry() + "/\n" + host + "/:_authToken=" + aliceToken + "\n");
        String created = npm(home, "trust", "github", "gizmo", "--file", "release.yml", "--repo", "acme/gizmo",
                "--allow-publish", "--yes");
        assertThat(created).contains("Trust configuration created successfully for gizmo").contains("repository: acme/gizmo");
        JsonNode stored = JSON.readTree(send("GET", "/-/package/gizmo/trust", aliceToken, null).body());
        assertThat(stored).hasSize(1);
        String id = stored.get(0).get("id").asText();
        assertThat(npm(home, "trust", "list", "gizmo")).contains("id: " + id).contains("file: release.yml");
        npm(home, "trust", "revoke", "gizmo", "--id=" + id, "--yes");
        assertThat(JSON.readTree(send("GET", "/-/package/gizmo/trust", aliceToken, null).body())).isEmpty();
    }

    static String npm(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("npm_config_cache", home.resolve("cache").toString());
        pb.environment().put("npm_config_update_notifier", "false");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theExchangedTokenPublishesThatPackageOnly() throws Exception {
        String ci = idToken(job("acme/widget", WORKFLOW_REF), "npm:127.0.0.1");
        HttpResponse<String> exchange = send("POST", "/-/npm/v1/oidc/token/exchange/package/widget", ci, null);
        assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(201);
        String token = JSON.readTree(exchange.body()).get("token").asText();
        assertThat(send("PUT", "/gadget", token, RegistryFixture.publishBody("gadget", "1.0.0").toString()).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", "/widget", token, RegistryFixture.publishBody("widget", "1.0.2").toString()).statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/-/npm/v1/tokens", token, "{\"password\":\"x\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void identitiesOutsideTheTrustEntryAreRefused() throws Exception {
        String otherRepo = idToken(job("evil/widget", "evil/widget/.github/workflows/release.yml@refs/heads/main"),
                "npm:127.0.0.1");
        assertThat(send("POST", "/-/npm/v1/oidc/token/exchange/package/widget", otherRepo, null).statusCode()).isEqualTo(403);
        String otherWorkflow = idToken(job("acme/widget", "acme/widget/.github/workflows/Release.yml@refs/heads/main"),
                "npm:127.0.0.1");
        assertThat(send("POST", "/-/npm/v1/oidc/token/exchange/package/widget", otherWorkflow, null).statusCode())
                .isEqualTo(403);
        String sigstoreAudience = idToken(job("acme/widget", WORKFLOW_REF), "sigstore");
        HttpResponse<String> wrongAudience = send("POST", "/-/npm/v1/oidc/token/exchange/package/widget", sigstoreAudience, null);
        assertThat(wrongAudience.statusCode()).isEqualTo(401);
        assertThat(wrongAudience.body()).contains("\"error\":");
        String ok = idToken(job("acme/widget", WORKFLOW_REF), "npm:127.0.0.1");
        assertThat(send("POST", "/-/npm/v1/oidc/token/exchange/package/unknown-pkg", ok, null).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyMaintainersConfigureTrustAndOneEntryPerPackage() throws Exception {
        String bob = RegistryHttp.login(registry(), "bob");
        assertThat(send("POST", "/-/package/widget/trust", bob, "[{\"type\":\"github\",\"claims\":{\"repository\":\"b/w\","
                + "\"workflow_ref\":{\"file\":\"x.yml\"}}}]").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/-/package/widget/trust", aliceToken, "[{\"type\":\"github\",\"claims\":{\"repository\":"
                + "\"acme/widget\",\"workflow_ref\":{\"file\":\"other.yml\"}}}]").statusCode()).isEqualTo(409);
        JsonNode list = JSON.readTree(send("GET", "/-/package/widget/trust", aliceToken, null).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).at("/claims/workflow_ref/file").asText()).isEqualTo("release.yml");
        assertThat(send("POST", "/-/package/widget/trust", aliceToken, "[{\"type\":\"github\",\"claims\":{\"repository\":"
                + "\"../x\",\"workflow_ref\":{\"file\":\"a.yml\"}}}]").statusCode()).isEqualTo(400);
    }
}
