package dev.hallmark.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.Main;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Bundles made by Hallmark at bench time: a {@code HallmarkServer --dev} on 127.0.0.1 (fresh data directory, as the CA
 * and log benches and the CLI's {@code DevStack} test helper run it), a GitHub-Actions-like job token from its dev
 * issuer, and {@code hallmark sign-bundle} (the CLI's keyless signer, which checks its own output) for a message
 * signature (Rekor v1 hashedrekord 0.0.1) and a DSSE in-toto statement with a sha256 subject (dsse 0.0.1), both
 * timestamped by the instance's TSA. sha256 subjects and a loopback host make them verifiable by sigstore-java too:
 * the instance's checkpoints are signed by the host name without port, which is what KeylessInteropTest relies on
 * (peers.md §2.3). Writes the bundles, the artifact and {@code hallmark-cases.json}; the server is stopped before any
 * verification is timed (verification is offline).
 */
final class HallmarkBundles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String WORKFLOW = "acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3";
    private static final Map<String, String> CLAIMS = Map.ofEntries(
            Map.entry("repository", "acme/widget"), Map.entry("ref", "refs/tags/v1.2.3"),
            Map.entry("sha", "0123456789abcdef0123456789abcdef01234567"), Map.entry("workflow", "Release"),
            Map.entry("workflow_ref", WORKFLOW), Map.entry("job_workflow_ref", WORKFLOW),
            Map.entry("event_name", "release"), Map.entry("runner_environment", "github-hosted"),
            Map.entry("repository_visibility", "public"), Map.entry("repository_id", "4242"),
            Map.entry("repository_owner", "acme"), Map.entry("repository_owner_id", "77"),
            Map.entry("run_id", "9001"), Map.entry("run_attempt", "1"));

    private HallmarkBundles() {
    }

    static void make(Path out) throws Exception {
        Files.createDirectories(out);
        Path data = out.resolve("data");
        byte[] tarball = new byte[11_137]; // the size of @playwright/cli 0.1.1's tarball
        new Random(42).nextBytes(tarball);
        Path artifact = Files.write(out.resolve("widget-1.2.3.tgz"), tarball);
        Digest sha256 = Digest.sha256(tarball);
        Path statement = Files.writeString(out.resolve("statement.json"), statement(sha256, Digest.sha512(tarball)));
        ArrayNode cases = JSON.createArrayNode();
        try (HallmarkServer server = HallmarkServer.builder(data)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), true))
                .accessLog(line -> { }).start()) {
            String issuer = server.urls().server() + "/oidc/github";
            String san = "https://github.com/" + WORKFLOW;
            Path message = out.resolve("message.sigstore.json");
            sign(token(issuer), data, message, artifact, false);
            Path dsse = out.resolve("dsse.sigstore.json");
            sign(token(issuer), data, dsse, statement, true);
            Path root = data.resolve("trust/trusted_root.json");
            cases.add(entry("hallmark/message-signature", "Hallmark --dev, signed by `hallmark sign-bundle`: message signature, "
                    + kind(message) + " + RFC 3161 timestamp, bundle v0.3", message, root, artifact, "messageSignature", sha256, san, issuer));
            cases.add(entry("hallmark/dsse-sha256", "Hallmark --dev, signed by `hallmark sign-bundle --in-toto`: DSSE SLSA v1 "
                    + "statement with sha256 and sha512 subject digests, " + kind(dsse) + " + RFC 3161 timestamp, bundle v0.3",
                    dsse, root, artifact, "dsse", sha256, san, issuer));
        }
        ObjectNode file = JSON.createObjectNode();
        file.put("about", "Bundles signed by a Hallmark --dev instance at bench time (HallmarkBundles); absolute paths.");
        file.set("cases", cases);
        JSON.writeValue(out.resolve("hallmark-cases.json").toFile(), file);
    }

    private static ObjectNode entry(String id, String description, Path bundle, Path root, Path artifact, String content,
            Digest digest, String san, String issuer) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("origin", "hallmark").put("description", description);
        c.put("bundle", bundle.toAbsolutePath().toString()).put("trustedRoot", root.toAbsolutePath().toString());
        c.put("artifact", artifact.toAbsolutePath().toString()).put("content", content);
        c.putObject("digest").put("algorithm", "sha256").put("hex", digest.hex());
        c.putObject("identity").put("san", san).put("issuer", issuer);
        c.putObject("exclude");
        return c;
    }

    private static String kind(Path bundle) throws Exception {
        JsonNode kv = JSON.readTree(bundle.toFile()).at("/verificationMaterial/tlogEntries/0/kindVersion");
        return "Rekor v1 " + kv.path("kind").asText() + " " + kv.path("version").asText();
    }

    private static void sign(String token, Path data, Path bundle, Path file, boolean inToto) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = inToto
                ? new String[] {"sign-bundle", "--in-toto", "--identity-token", token, "--bundle", bundle.toString(), "--data", data.toString(), file.toString()}
                : new String[] {"sign-bundle", "--identity-token", token, "--bundle", bundle.toString(), "--data", data.toString(), file.toString()};
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (exit != 0) {
            throw new IllegalStateException("hallmark sign-bundle failed (" + exit + "): " + err.toString().strip());
        }
    }

    /** An npm-provenance-like SLSA v1 statement whose subject carries both digests, so every verifier can match it. */
    private static String statement(Digest sha256, Digest sha512) throws Exception {
        ObjectNode s = JSON.createObjectNode();
        s.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = s.putArray("subject").addObject();
        subject.put("name", "pkg:npm/widget@1.2.3");
        subject.putObject("digest").put("sha256", sha256.hex()).put("sha512", sha512.hex());
        s.put("predicateType", "https://slsa.dev/provenance/v1");
        ObjectNode build = s.putObject("predicate").putObject("buildDefinition");
        build.put("buildType", "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1");
        build.putObject("externalParameters").putObject("workflow").put("ref", "refs/tags/v1.2.3")
                .put("repository", "https://github.com/acme/widget").put("path", ".github/workflows/release.yml");
        build.putObject("internalParameters").putObject("github").put("event_name", "release")
                .put("repository_id", "4242").put("repository_owner_id", "77").put("runner_environment", "github-hosted");
        build.putArray("resolvedDependencies").addObject().put("uri", "git+https://github.com/acme/widget@refs/tags/v1.2.3")
                .putObject("digest").put("gitCommit", CLAIMS.get("sha"));
        ObjectNode run = ((ObjectNode) s.get("predicate")).putObject("runDetails");
        run.putObject("builder").put("id", "https://github.com/actions/runner/github-hosted");
        run.putObject("metadata").put("invocationId", "https://github.com/acme/widget/actions/runs/9001/attempts/1");
        return JSON.writeValueAsString(s);
    }

    /** The job token protocol of GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN), audience sigstore. */
    private static String token(String issuer) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(issuer + "/dev/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(CLAIMS))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (job.statusCode() != 200) {
                throw new IllegalStateException("dev issuer refused the job: " + job.statusCode() + " " + job.body());
            }
            JsonNode j = JSON.readTree(job.body());
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(j.path("requestUrl").asText() + "&audience=sigstore"))
                    .header("Authorization", "Bearer " + j.path("requestToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IllegalStateException("dev issuer refused the token: " + token.statusCode() + " " + token.body());
            }
            return JSON.readTree(token.body()).path("value").asText();
        }
    }
}
