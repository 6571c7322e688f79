package dev.hallmark.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm 11 on the PATH, unchanged, in a clean environment: its own HOME, cache and user config, and the
 * public-good Sigstore hosts (and a registry at an HTTPS name) reached only through {@link SigstoreProxy} (npm.md §14
 * C.1: {@code https_proxy}, {@code no_proxy} for loopback, the proxy's CA in {@code NODE_EXTRA_CA_CERTS} and, for
 * npm's own registry requests, in its {@code cafile}). Public for {@code bench/run-audit}.
 */
public final class StockNpm {
    /** What npm printed: results on stdout, warnings and progress on stderr. */
    public record Result(int exit, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    /** @param cache the npm cache ({@code <cache>/_tuf} holds the TUF repository npm trusts) */
    public StockNpm(Path home, Path cache, String registry, SigstoreProxy proxy, Path proxyCaPem) throws Exception {
        this.home = Files.createDirectories(home);
        Path npmrc = Files.writeString(home.resolve(".npmrc"), "registry=" + registry + "/\n");
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("npm_config_cache", cache.toString());
        env.put("npm_config_userconfig", npmrc.toString());
        env.put("npm_config_update_notifier", "false");
        env.put("npm_config_fund", "false");
        env.put("https_proxy", proxy.url());
        env.put("no_proxy", "127.0.0.1,localhost");
        env.put("NODE_EXTRA_CA_CERTS", proxyCaPem.toString()); // what sigstore-js's requests trust
        env.put("npm_config_cafile", proxyCaPem.toString()); // npm's registry requests take their CAs from npm's config
    }

    /**
     * Makes the environment a GitHub Actions job (npm.md §10.1, §14 "What else the test needs"): the id-token request
     * URL and token of a development-issuer job, and the GITHUB_* variables npm copies into the SLSA predicate.
     */
    StockNpm inGithubActions(JsonNode job, Map<String, String> claims) {
        String repository = claims.get("repository");
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", job.get("requestUrl").asText());
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", job.get("requestToken").asText());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", repository);
        env.put("GITHUB_REPOSITORY_ID", claims.get("repository_id"));
        env.put("GITHUB_REPOSITORY_OWNER_ID", claims.get("repository_owner_id"));
        env.put("GITHUB_WORKFLOW_REF", claims.get("workflow_ref"));
        env.put("GITHUB_REF", claims.get("ref"));
        env.put("GITHUB_SHA", claims.get("sha"));
        env.put("GITHUB_EVENT_NAME", claims.get("event_name"));
        env.put("GITHUB_RUN_ID", claims.get("run_id"));
        env.put("GITHUB_RUN_ATTEMPT", claims.get("run_attempt"));
        env.put("RUNNER_ENVIRONMENT", claims.get("runner_environment"));
        return this;
    }

    /** Adds a publish token for the registry to the user's .npmrc, as {@code npm login} or setup-node would. */
    StockNpm withToken(String registry, String token) throws Exception {
        Path npmrc = Path.of(env.get("npm_config_userconfig"));
        Files.writeString(npmrc, Files.readString(npmrc) + registry.replaceFirst("^https?:", "").replaceAll("/*$", "/")
                + ":_authToken=" + token + "\n");
        return this;
    }

    /** The job's environment as npm gets it, so another client can run in exactly the same one. */
    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    /** Sets one more variable (e.g. a GitLab job's). */
    StockNpm with(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(Path directory, String... args) throws Exception {
        return run(directory, Duration.ofSeconds(180), args);
    }

    /** Runs {@code npm args} in {@code directory}, killing it after {@code timeout}. */
    public Result run(Path directory, Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "npm-", ".out");
        Path err = Files.createTempFile(home, "npm-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("npm " + String.join(" ", args) + " did not finish: "
                    + Files.readString(out) + Files.readString(err));
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
