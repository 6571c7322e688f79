package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.Vectors;
import dev.hallmark.registry.provenance.PlaywrightVector;
import dev.hallmark.server.HallmarkServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hallmark verify} on the real npmjs publish of @playwright/cli@0.1.1 (public-good provenance from github.com),
 * republished to a test Hallmark that accepts the public-good root of the time: the registry signature, the
 * provenance and Hallmark's publish attestation verify, and the provenance's repository and commit are shown.
 */
class VerifyCommandTest {
    private static final String COMMIT = "d1c6d1113932ddcee243e8b111b6d4aea553df20";
    private static final String REPOSITORY = "https://github.com/microsoft/playwright-cli";

    @TempDir
    static Path dir;
    static HallmarkServer server;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("public-good-root.json"), Vectors.bytes("npm/playwright-cli-0.1.1/trusted_root.json"));
        Files.writeString(data.resolve("hallmark.yaml"), """
                registry:
                  provenance:
                    extraTrustedRoots: [public-good-root.json]
                """);
        server = DevStack.start(data, false);
        HttpResponse<String> login = DevStack.HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/-/user/org.couchdb.user:playwright"))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"playwright\",\"password\":\"pw-secret\",\"email\":\"p@example.com\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        String token = DevStack.JSON.readTree(login.body()).get("token").asText();
        HttpResponse<String> put = DevStack.HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/@playwright%2fcli"))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(PlaywrightVector.publishBody(PlaywrightVector.tarball(),
                        PlaywrightVector.provenanceBundle()).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String registry() {
        return server.urls().server().toString();
    }

    private static DevStack.Run verify(String... extra) {
        String[] base = {"verify", "@playwright/cli@0.1.1", "--registry", registry(),
            "--trusted-root", data.resolve("trust/trusted_root.json").toString(),
            "--trusted-root", data.resolve("public-good-root.json").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return DevStack.run(args);
    }

    @Test
    void showsTheRepositoryAndCommitOfAVerifiedProvenance() {
        DevStack.Run r = verify();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("registry signature: verified (SHA256:")
                .contains("provenance: verified (https://slsa.dev/provenance/v1)")
                .contains("repository: " + REPOSITORY).contains("commit:     " + COMMIT)
                .contains("ref:        refs/tags/v0.1.1")
                .contains("workflow:   " + REPOSITORY + "/.github/workflows/publish.yml@refs/tags/v0.1.1")
                .contains("run:        " + REPOSITORY + "/actions/runs/22026075834/attempts/1")
                .contains("issuer:     https://token.actions.githubusercontent.com")
                .contains("log entry:  https://rekor.sigstore.dev index 953297574")
                .contains("publish attestation: verified");
    }

    @Test
    void jsonHasTheSameDetails() throws Exception {
        DevStack.Run r = verify("--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = DevStack.JSON.readTree(r.out());
        assertThat(json.get("verified").asBoolean()).isTrue();
        JsonNode provenance = json.get("attestations").get(0).get("predicateType").asText().contains("slsa")
                ? json.get("attestations").get(0) : json.get("attestations").get(1);
        assertThat(provenance.get("repository").asText()).isEqualTo(REPOSITORY);
        assertThat(provenance.get("commit").asText()).isEqualTo(COMMIT);
    }

    @Test
    void withoutThePublicGoodRootTheProvenanceFailsInOneLine() {
        DevStack.Run r = DevStack.run("verify", "@playwright/cli@0.1.1", "--registry", registry(), "--data", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("attestations: INVALID");
        assertThat(r.err().strip()).startsWith("hallmark: @playwright/cli@0.1.1 did not verify: ATTESTATION_INVALID").doesNotContain("\n");
    }

    @Test
    void anUnpublishedVersionIsOneLine() {
        DevStack.Run r = DevStack.run("verify", "@playwright/cli@9.9.9", "--registry", registry(), "--data", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("hallmark: @playwright/cli@9.9.9 is not published at " + registry());
        assertThat(DevStack.run("verify", "playwright", "--data", data.toString()).exit()).isEqualTo(2);
    }
}
