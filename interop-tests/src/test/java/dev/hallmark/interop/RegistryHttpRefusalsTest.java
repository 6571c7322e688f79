package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.interop.RunningRegistry.Storage;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.pkg.TestTarballs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5 "Proven by": every malformed or dishonest request gets a 4xx with npm's {@code {"error": …}} body and
 * changes nothing — the packuments, tags, search results and stored tarballs read the same before and after. Raw
 * HTTP, since npm itself never sends these; the bodies are npm-shaped ({@link RegistryFixture#publishBody}) with one
 * defect each. {@link RefusalCases} lists them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Storage.class)
class RegistryHttpRefusalsTest {
    @TempDir
    static Path tmp;
    static RunningRegistry registry;
    static String owner;
    static String stranger;
    @Parameter
    Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) throws Exception {
        registry = RunningRegistry.start(Files.createDirectories(tmp.resolve(storage.name())), storage);
        owner = signUp("owner");
        stranger = signUp("stranger");
        for (String name : List.of(RefusalCases.VICTIM, RefusalCases.SCOPED)) {
            HttpResponse<String> published = registry.send("PUT", "/" + name.replace("/", "%2f"),
                    json(RegistryFixture.publishBody(name, "1.0.0")), Optional.of(owner));
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        }
        HttpResponse<String> tagged = registry.send("PUT", "/-/package/" + RefusalCases.VICTIM + "/dist-tags/stable",
                "\"1.0.0\"".getBytes(StandardCharsets.UTF_8), Optional.of(owner));
        assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(200);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    static Stream<RefusalCases.Refusal> refusals() {
        return RefusalCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWithAnNpmErrorAndChangesNothing(RefusalCases.Refusal refusal) throws Exception {
        List<String> before = state();
        byte[] body = refusal.body().get();
        Optional<String> token = switch (refusal.as()) {
            case OWNER -> Optional.of(owner);
            case STRANGER -> Optional.of(stranger);
            case NOBODY -> Optional.empty();
        };
        HttpResponse<String> response = registry.send(refusal.method(), refusal.path(), body, token);

        if (refusal.status() != 0) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(refusal.status());
        } else {
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        }
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode error = RunningRegistry.json(response);
        assertThat(error.isObject()).as(response.body()).isTrue();
        assertThat(error.path("error").isTextual()).as(response.body()).isTrue();
        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(state()).as("after %s answered %d %s", refusal, response.statusCode(), response.body())
                .isEqualTo(before);
    }

    /**
     * What a refused request must leave alone: both packuments (full and abbreviated), the tags, a search, the
     * names a traversal might have created, and the tarball files on disk.
     */
    private static List<String> state() throws Exception {
        List<String> state = new ArrayList<>();
        for (String path : List.of("/" + RefusalCases.VICTIM, "/@victim-scope%2flib", "/@victim-scope/lib",
                "/-/package/" + RefusalCases.VICTIM + "/dist-tags", "/x", "/etc", "/evil", "/fresh-pkg",
                "/" + RefusalCases.VICTIM + "/-/" + RefusalCases.VICTIM + "-1.0.0.tgz")) {
            HttpResponse<String> r = registry.get(path);
            state.add(path + " " + r.statusCode() + " " + r.body());
        }
        HttpResponse<String> abbreviated = registry.http("/" + RefusalCases.VICTIM, "application/vnd.npm.install-v1+json");
        state.add("abbreviated " + abbreviated.statusCode() + " " + abbreviated.body());
        ObjectNode search = (ObjectNode) RunningRegistry.json(registry.get("/-/v1/search?text=victim"));
        search.remove("time"); // the time of the answer
        state.add("search " + search);
        try (Stream<Path> files = Files.walk(registry.dataDir().resolve("tarballs"))) {
            files.map(Path::toString).sorted().forEach(state::add);
        }
        return state;
    }

    private static String signUp(String username) throws Exception {
        HttpResponse<String> r = registry.send("PUT", "/-/user/org.couchdb.user:" + username,
                ("{\"name\":\"" + username + "\",\"password\":\"" + NpmWorld.password(username) + "\",\"email\":\""
                        + NpmWorld.email(username) + "\",\"type\":\"user\",\"roles\":[]}").getBytes(StandardCharsets.UTF_8),
                Optional.empty());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return RunningRegistry.json(r).get("token").asText();
    }

    static byte[] json(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tgz(String packageJson) {
        return TestTarballs.builder().file("package/package.json", packageJson)
                .file("package/index.js", "module.exports = 1;\n").tgz();
    }
}
