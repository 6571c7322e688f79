package dev.hallmark.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's own behaviour without a server: dry runs and the refusals that happen before any request. */
class PublishCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run publish(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "publish";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }

    Path pkg(String packageJson) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(pkg.resolve("package.json"), packageJson);
        Files.writeString(pkg.resolve("index.js"), "module.exports = 1;\n");
        return pkg;
    }

    @Test
    void aDryRunShowsTheTarballAndTheStatementAndSendsNothing() throws Exception {
        Path pkg = pkg("{\"name\":\"@acme/widget\",\"version\":\"v1.2.3+build.7\",\"main\":\"index.js\"}");
        Map<String, String> github = Map.ofEntries(Map.entry("GITHUB_ACTIONS", "true"),
                Map.entry("GITHUB_SERVER_URL", "https://github.com"), Map.entry("GITHUB_REPOSITORY", "acme/widget"),
                Map.entry("GITHUB_WORKFLOW_REF", "acme/widget/.github/workflows/release.yml@refs/heads/main"),
                Map.entry("GITHUB_REF", "refs/heads/main"), Map.entry("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"),
                Map.entry("GITHUB_RUN_ID", "1"), Map.entry("GITHUB_RUN_ATTEMPT", "1"), Map.entry("RUNNER_ENVIRONMENT", "self-hosted"),
                Map.entry("npm_config_registry", "http://127.0.0.1:9/"));

        Run run = publish(github, pkg.toString(), "--dry-run", "--provenance", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("id").asText()).isEqualTo("@acme/widget@1.2.3"); // npm's semver.clean
        assertThat(report.get("registry").asText()).isEqualTo("http://127.0.0.1:9/");
        assertThat(report.get("integrity").asText()).startsWith("sha512-");
        assertThat(report.get("files").findValuesAsText("path")).containsExactly("index.js", "package.json");
        assertThat(report.at("/provenanceStatement/subject/0/name").asText()).isEqualTo("pkg:npm/%40acme/widget@1.2.3");
        assertThat(report.at("/provenanceStatement/predicate/runDetails/builder/id").asText())
                .isEqualTo("https://github.com/actions/runner/self-hosted");
    }

    @Test
    void badOptionsAndPackagesAreOneLineUsageErrors() throws Exception {
        Path pkg = pkg("{\"name\":\"widget\",\"version\":\"1.0.0\"}");
        assertOneLine(publish(Map.of(), pkg.toString(), "--access", "secret"), "--access must be public or restricted");
        assertOneLine(publish(Map.of(), pkg.toString(), "--tag", "a/b"), "--tag a/b is not a valid dist-tag");
        assertOneLine(publish(Map.of(), dir.resolve("missing").toString()), "is not a directory");
        assertOneLine(publish(Map.of(), pkg.toString(), "--access", "restricted", "--dry-run"),
                "Can't restrict access to unscoped packages.");
        Files.writeString(pkg.resolve("package.json"), "{\"name\": \"widget\"");
        assertOneLine(publish(Map.of(), pkg.toString(), "--dry-run"), "cannot pack");
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"widget\",\"version\":\"1.0.0\"}");
        assertOneLine(publish(Map.of("HOME", dir.toString(), "npm_config_registry", "http://127.0.0.1:9/"), pkg.toString()),
                "no token for http://127.0.0.1:9/");
        assertOneLine(publish(Map.of("HOME", dir.toString(), "npm_config_registry", "http://127.0.0.1:9/"), pkg.toString(),
                "--dry-run", "--provenance"), "provenance generation not supported outside a CI");
    }

    static void assertOneLine(Run run, String message) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("hallmark: ").contains(message);
        assertThat(run.err().strip()).doesNotContain("\n");
    }
}
