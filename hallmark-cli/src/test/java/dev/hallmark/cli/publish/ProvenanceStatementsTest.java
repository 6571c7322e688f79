package dev.hallmark.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.cli.CliException;
import dev.hallmark.core.crypto.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statement is npm's, byte for byte: each case runs stock npm's own {@code libnpmpublish} statement builder (from
 * the npm on the PATH, with its {@code sigstore} call replaced by one that returns the payload) in the same
 * environment and compares the JSON text, key order included.
 */
class ProvenanceStatementsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Digest SHA512 = Digest.sha512("tarball".getBytes(StandardCharsets.UTF_8));
    static String npmRoot;

    @BeforeAll
    static void findNpm() throws Exception {
        Process p = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(false).start();
        npmRoot = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip() + "/npm/node_modules";
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Path.of(npmRoot, "libnpmpublish", "lib", "provenance.js")).as("stock npm 11 on the PATH").exists();
    }

    static Map<String, String> github() {
        Map<String, String> env = new HashMap<>();
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "acme/widget");
        env.put("GITHUB_REPOSITORY_ID", "4242");
        env.put("GITHUB_REPOSITORY_OWNER_ID", "77");
        env.put("GITHUB_WORKFLOW_REF", "acme/widget/.github/workflows/release.yml@refs/tags/v1.0.1");
        env.put("GITHUB_REF", "refs/tags/v1.0.1");
        env.put("GITHUB_SHA", "8f3a9a0e5d1c4b2a7e6f5d4c3b2a1908f7e6d5c4");
        env.put("GITHUB_EVENT_NAME", "push");
        env.put("GITHUB_RUN_ID", "9001");
        env.put("GITHUB_RUN_ATTEMPT", "2");
        env.put("RUNNER_ENVIRONMENT", "self-hosted");
        return env;
    }

    static Map<String, String> gitlab() {
        Map<String, String> env = new HashMap<>();
        for (String variable : ProvenanceStatements.GITLAB_PARAMETERS) {
            env.put(variable, variable.toLowerCase() + "-value \"quoted\" ünï");
        }
        env.put("GITLAB_CI", "true");
        env.put("CI_PROJECT_URL", "https://gitlab.example.com/acme/sub/widget");
        env.put("CI_RUNNER_ID", "12");
        env.put("CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567");
        env.put("CI_JOB_URL", "https://gitlab.example.com/acme/sub/widget/-/jobs/99");
        env.put("CI_RUNNER_EXECUTABLE_ARCH", "linux/amd64");
        return env;
    }

    static Stream<Arguments> environments() {
        Map<String, String> githubSparse = github();
        githubSparse.remove("GITHUB_EVENT_NAME");
        githubSparse.remove("GITHUB_REPOSITORY_ID");
        githubSparse.remove("GITHUB_REPOSITORY_OWNER_ID");
        Map<String, String> reusableWorkflow = github();
        reusableWorkflow.put("GITHUB_WORKFLOW_REF", "acme/widget/.github/workflows/release.yml@refs/heads/main@extra");
        Map<String, String> gitlabSparse = new HashMap<>();
        gitlabSparse.put("GITLAB_CI", "true");
        gitlabSparse.put("CI_PROJECT_URL", "https://gitlab.com/acme/widget");
        gitlabSparse.put("CI_RUNNER_ID", "7");
        gitlabSparse.put("CI_JOB_URL", "https://gitlab.com/acme/widget/-/jobs/1");
        return Stream.of(
                Arguments.of("GitHub Actions, every variable", github(), "@acme/widget", "1.0.1"),
                Arguments.of("GitHub Actions, optional ids unset", githubSparse, "widget", "2.0.0-rc.1"),
                Arguments.of("GitHub Actions, an '@' in the ref", reusableWorkflow, "@acme/widget", "1.0.1"),
                Arguments.of("GitLab CI, every variable", gitlab(), "@acme/widget", "3.1.4"),
                Arguments.of("GitLab CI, only the required variables", gitlabSparse, "widget", "0.0.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void statementIsByteForByteNpms(String description, Map<String, String> env, String name, String version) throws Exception {
        String npm = npmStatement(env, name, version);

        String ours = JSON.writeValueAsString(ProvenanceStatements.build(CiEnvironment.detect(env), name, version, SHA512,
                Optional.empty()));

        assertThat(ours).isEqualTo(npm);
    }

    @Test
    void missingVariablesNpmWouldWriteAsUndefinedAreRefused() {
        Map<String, String> env = github();
        env.remove("GITHUB_SHA");
        env.remove("GITHUB_RUN_ID");
        assertThatThrownBy(() -> ProvenanceStatements.build(CiEnvironment.detect(env), "widget", "1.0.0", SHA512, Optional.empty()))
                .isInstanceOf(CliException.class).hasMessageContaining("GITHUB_RUN_ID is not set");
    }

    @Test
    void outsideACiThereIsNoStatement() {
        assertThatThrownBy(() -> ProvenanceStatements.build(CiEnvironment.detect(Map.of("HOME", "/tmp")), "widget", "1.0.0",
                SHA512, Optional.empty())).isInstanceOf(CliException.class).hasMessageContaining("not supported");
    }

    private static String npmStatement(Map<String, String> env, String name, String version) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/npm/provenance-statement.js").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), name, version, SHA512.hex());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("NPM_ROOT", npmRoot);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }
}
