package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the npm interop tests share: one {@link RunningRegistry}, users made with {@code npm adduser}, package source
 * folders and fresh consumer projects, all under one temporary directory.
 */
final class NpmWorld implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final RunningRegistry registry;
    private final AtomicInteger folders = new AtomicInteger();

    private NpmWorld(Path dir, RunningRegistry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    static NpmWorld start(Path dir, RunningRegistry.Storage storage) throws Exception {
        return new NpmWorld(dir, RunningRegistry.start(dir, storage));
    }

    RunningRegistry registry() {
        return registry;
    }

    static String password(String username) {
        return "pw-" + username + "-Correct-Horse";
    }

    static String email(String username) {
        return username + "@example.com";
    }

    /** A user of npm with no credentials yet. */
    NpmCli anonymous() throws IOException {
        return new NpmCli(dir.resolve("npm-" + folders.incrementAndGet()), registry.url());
    }

    /**
     * {@code npm adduser} as npm 11 runs it by default: the web flow first ({@code POST /-/v1/login}, which Hallmark
     * does not offer), then the legacy {@code PUT /-/user/org.couchdb.user:<name>} with the prompted username,
     * password and e-mail; npm saves the token it gets back in the user config.
     */
    NpmCli adduser(String username) throws Exception {
        NpmCli cli = anonymous();
        int before = registry.requests().size();
        NpmCli.Result result = cli.interactive(dir, List.of(new NpmCli.Answer("Username:", username),
                new NpmCli.Answer("Password:", password(username)),
                new NpmCli.Answer("Email", email(username))), "adduser");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Logged in on " + registry.url());
        assertThat(cli.token()).as("token saved by npm").isPresent();
        assertWebLoginFellBackToLegacy(before, username);
        return cli;
    }

    /** Since the request numbered {@code before}: web login answered 4xx, then the legacy PUT created the token. */
    void assertWebLoginFellBackToLegacy(int before, String username) {
        List<String> requests = registry.requests();
        List<String> since = requests.subList(before, requests.size());
        assertThat(since).filteredOn(l -> l.contains(" path=/-/v1/login ")).singleElement().asString()
                .contains("method=POST").containsPattern(" status=4\\d\\d ");
        assertThat(since).filteredOn(l -> l.contains(" path=/-/user/org.couchdb.user:" + username + " "))
                .singleElement().asString().contains("method=PUT").contains(" status=201 ");
        assertThat(since.stream().filter(l -> l.contains("/-/v1/login")).findFirst().map(since::indexOf).orElseThrow())
                .isLessThan(since.stream().filter(l -> l.contains("org.couchdb.user")).findFirst().map(since::indexOf)
                        .orElseThrow());
    }

    /** A package source folder: package.json with name, version and the given extra fields, index.js and a README. */
    Path pkg(String name, String version, String extraJsonFields) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + folders.incrementAndGet()));
        ObjectNode json = (ObjectNode) JSON.readTree("{" + extraJsonFields + "}");
        json.put("name", name);
        json.put("version", version);
        json.putIfAbsent("license", json.textNode("MIT"));
        json.putIfAbsent("main", json.textNode("index.js"));
        Files.writeString(src.resolve("package.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Files.writeString(src.resolve("index.js"), "module.exports = " + JSON.writeValueAsString(name + "@" + version)
                + ";\n");
        Files.writeString(src.resolve("README.md"), "# " + name + "\n");
        return src;
    }

    Path pkg(String name, String version) throws IOException {
        return pkg(name, version, "");
    }

    /** An empty project to install into. */
    Path project() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app-" + folders.incrementAndGet()));
        Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\",\"private\":true}\n");
        return app;
    }

    /** The full packument as the registry serves it, or empty on 404. */
    Optional<JsonNode> packument(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = registry.get("/" + name.replace("/", "%2f"));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Optional.of(RunningRegistry.json(response));
    }

    /** The version an installed package has in {@code app}'s node_modules. */
    static String installedVersion(Path app, String name) throws IOException {
        return JSON.readTree(app.resolve("node_modules").resolve(name).resolve("package.json").toFile())
                .get("version").asText();
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Override
    public void close() throws java.sql.SQLException {
        registry.close();
    }
}
