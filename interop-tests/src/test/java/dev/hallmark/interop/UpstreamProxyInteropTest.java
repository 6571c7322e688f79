package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 5 with the stock npm 11 CLI: two in-process Hallmarks on 127.0.0.1, the second configured with the
 * first as its {@code registry.upstream}. Packages published to the first with {@code npm publish} install through
 * the second with {@code npm install}, and still install from the second's cache once the first is stopped.
 */
class UpstreamProxyInteropTest {
    static final ConfigOverrides LOCAL = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
            Optional.empty(), false);

    @TempDir
    Path tmp;
    HallmarkServer upstream;
    HallmarkServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void npmInstallsThroughTheProxyAndFromItsCacheOnceTheUpstreamIsDown() throws Exception {
        upstream = HallmarkServer.builder(tmp.resolve("upstream-data")).overrides(LOCAL).accessLog(l -> { }).start();
        String upstreamUrl = "http://127.0.0.1:" + upstream.port();
        String token = login(upstreamUrl, "alice");
        publish(upstreamUrl, token, "proxy-demo", "1.0.0");
        publish(upstreamUrl, token, "@acme/proxy-scoped", "1.0.0");

        Path proxyData = Files.createDirectories(tmp.resolve("proxy-data"));
        // TTL 0: every packument read revalidates, so the last install below depends on stale-if-error
        Files.writeString(proxyData.resolve("hallmark.yaml"), "registry:\n  upstream:\n    url: " + upstreamUrl
                + "\n    packumentTtlSeconds: 0\n");
        proxy = HallmarkServer.builder(proxyData).overrides(LOCAL).accessLog(l -> { }).start();
        String proxyUrl = "http://127.0.0.1:" + proxy.port();

        Path first = consumer("first");
        Npm.Result installed = npm(first, proxyUrl, "install");
        assertThat(installed.exit()).as(installed.output()).isZero();
        assertInstalled(first, proxyUrl);
        // dist kept intact: only dist.tarball differs between the upstream's document and the proxy's
        ObjectNode original = distOf(upstreamUrl + "/@acme%2fproxy-scoped");
        ObjectNode proxied = distOf(proxyUrl + "/@acme%2fproxy-scoped");
        assertThat(proxied.remove("tarball").asText()).startsWith(proxyUrl + "/");
        assertThat(original.remove("tarball").asText()).startsWith(upstreamUrl + "/");
        assertThat(proxied).isEqualTo(original);

        upstream.close();
        upstream = null;
        Path second = consumer("second"); // fresh project and fresh npm cache: everything comes from the proxy
        Npm.Result offline = npm(second, proxyUrl, "install");
        assertThat(offline.exit()).as(offline.output()).isZero();
        assertInstalled(second, proxyUrl);
        assertThat(get(proxyUrl + "/never-fetched").statusCode()).isEqualTo(502); // the upstream really is gone
    }

    private void assertInstalled(Path project, String proxyUrl) throws Exception {
        for (String name : List.of("proxy-demo", "@acme/proxy-scoped")) {
            JsonNode pkg = Json.parse(Files.readAllBytes(project.resolve("node_modules").resolve(name)
                    .resolve("package.json")), 1 << 20);
            assertThat(pkg.path("version").asText()).isEqualTo("1.0.0");
            assertThat(Files.readString(project.resolve("node_modules").resolve(name).resolve("index.js")))
                    .contains(name);
        }
        JsonNode lock = Json.parse(Files.readAllBytes(project.resolve("package-lock.json")), 1 << 20);
        JsonNode scoped = lock.path("packages").path("node_modules/@acme/proxy-scoped");
        assertThat(scoped.path("resolved").asText()).isEqualTo(proxyUrl + "/@acme/proxy-scoped/-/proxy-scoped-1.0.0.tgz");
        assertThat(scoped.path("integrity").asText()).startsWith("sha512-");
        assertThat(lock.path("packages").path("node_modules/proxy-demo").path("resolved").asText())
                .isEqualTo(proxyUrl + "/proxy-demo/-/proxy-demo-1.0.0.tgz");
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ObjectNode distOf(String packumentUrl) throws Exception {
        HttpResponse<byte[]> r = get(packumentUrl);
        assertThat(r.statusCode()).isEqualTo(200);
        return (ObjectNode) Json.parse(r.body(), 1 << 20).path("versions").path("1.0.0").path("dist");
    }

    /** {@code PUT /-/user/org.couchdb.user:<name>} (npm.md §8), as npm login's legacy flow sends it. */
    private static String login(String registry, String user) throws Exception {
        ObjectNode body = Json.object();
        body.put("_id", "org.couchdb.user:" + user);
        body.put("name", user);
        body.put("password", "correct horse battery staple");
        body.put("email", user + "@example.com");
        body.put("type", "user");
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registry + "/-/user/org.couchdb.user:" + user))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(201);
        return Json.parse(r.body(), 1 << 16).path("token").asText();
    }

    private void publish(String registry, String token, String name, String version) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src").resolve(name.replace('/', '_')));
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + version
                + "\",\"main\":\"index.js\",\"license\":\"MIT\",\"description\":\"upstream proxy test\"}\n");
        Files.writeString(dir.resolve("index.js"), "module.exports = '" + name + "';\n");
        String host = URI.create(registry).getAuthority();
        Files.writeString(home().resolve(".npmrc"), "//" + host + "/:_authToken=" + token + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Npm.Result r = npm(dir, registry, "publish");
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private Path consumer(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"consumer-" + name + "\",\"version\":\"0.0.0\","
                + "\"private\":true,\"dependencies\":{\"proxy-demo\":\"^1.0.0\",\"@acme/proxy-scoped\":\"^1.0.0\"}}\n");
        return dir;
    }

    private Path home() throws IOException {
        return Files.createDirectories(tmp.resolve("home"));
    }

    /** Stock npm with a temporary HOME and a cache per project, talking to one registry only. */
    private Npm.Result npm(Path dir, String registry, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        command.addAll(List.of("--registry", registry + "/", "--cache", dir.resolve(".npm-cache").toString(),
                "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel", "http"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", home().toString());
        env.put("npm_config_userconfig", home().resolve(".npmrc").toString());
        env.remove("npm_config_registry");
        Process process = pb.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("npm " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Npm.Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static final class Npm {
        record Result(int exit, String output) {
        }
    }
}
