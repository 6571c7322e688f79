package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.pkg.TestTarballs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Publish requests with provenance as npm 11 sends them (npm.md §4, §10.1), with the bundle made by sigstore-js
 * ({@code js/sign-keyless.mjs}, the {@code sigstore.attest} call npm makes) through a test Hallmark's CA and log; the
 * refusal tests take these apart and put them back together wrongly.
 */
final class ProvenancePublish {
    private ProvenancePublish() {
    }

    /** A package as npm packs it, with its repository in package.json (the field provenance is matched against). */
    static byte[] tarball(String name, String version, String repositoryUrl, String code) {
        String packageJson = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"license\":\"MIT\","
                + "\"repository\":{\"type\":\"git\",\"url\":\"" + repositoryUrl + "\"}}";
        return TestTarballs.builder().file("package/package.json", TestTarballs.utf8(packageJson))
                .file("package/index.js", TestTarballs.utf8(code)).tgz();
    }

    /** npm-package-arg's purl (npm.md §5): the scope's {@code @} encoded, the slash literal. */
    static String purl(String name, String version) {
        return "pkg:npm/" + name.replace("@", "%40") + "@" + version;
    }

    /** The in-toto v1 statement with SLSA provenance v1 npm builds in GitHub Actions (npm.md §10.1). */
    static String statement(String subjectName, byte[] tarball, Map<String, String> claims) throws Exception {
        ObjectNode s = DevHallmark.JSON.createObjectNode();
        s.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = s.putArray("subject").addObject();
        subject.put("name", subjectName);
        subject.putObject("digest").put("sha512", Digest.sha512(tarball).hex());
        s.put("predicateType", "https://slsa.dev/provenance/v1");
        String repository = "https://github.com/" + claims.get("repository");
        String workflow = claims.get("workflow_ref").substring(claims.get("repository").length() + 1);
        ObjectNode build = s.putObject("predicate").putObject("buildDefinition");
        build.put("buildType", "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1");
        ObjectNode wf = build.putObject("externalParameters").putObject("workflow");
        wf.put("ref", workflow.substring(workflow.indexOf('@') + 1));
        wf.put("repository", repository);
        wf.put("path", workflow.substring(0, workflow.indexOf('@')));
        ObjectNode github = build.putObject("internalParameters").putObject("github");
        github.put("event_name", claims.get("event_name"));
        github.put("repository_id", claims.get("repository_id"));
        github.put("repository_owner_id", claims.get("repository_owner_id"));
        ObjectNode dep = build.putArray("resolvedDependencies").addObject();
        dep.put("uri", "git+" + repository + "@" + claims.get("ref"));
        dep.putObject("digest").put("gitCommit", claims.get("sha"));
        ObjectNode run = ((ObjectNode) s.get("predicate")).putObject("runDetails");
        run.putObject("builder").put("id", "https://github.com/actions/runner/" + claims.get("runner_environment"));
        run.putObject("metadata").put("invocationId", repository + "/actions/runs/" + claims.get("run_id")
                + "/attempts/" + claims.get("run_attempt"));
        return DevHallmark.JSON.writeValueAsString(s);
    }

    /** Signs the statement keylessly through {@code on}'s CA and log, as a job with these claims; the bundle JSON. */
    static String sign(DevHallmark on, Map<String, String> claims, String statement, Path work) throws Exception {
        return sign(on, on, claims, statement, work);
    }

    /**
     * Signs with the certificate of {@code ca}'s CA (for a job of its development issuer) and logs in {@code log}'s
     * Rekor, which records any certificate's entry, as Rekor does.
     */
    static String sign(DevHallmark ca, DevHallmark log, Map<String, String> claims, String statement, Path work)
            throws Exception {
        Path payload = Files.createTempFile(work, "statement-", ".json");
        Files.writeString(payload, statement);
        Path bundle = Files.createTempFile(work, "bundle-", ".sigstore.json");
        String token = ca.idToken(ca.job(claims), "sigstore");
        NodeClients.Result signed = NodeClients.run("sign-keyless.mjs", ca.server.urls().ca().toString(),
                log.server.urls().log().toString(), "-", token, payload.toString(), bundle.toString());
        assertThat(signed.exit()).as(signed.output()).isZero();
        return DevHallmark.JSON.readTree(bundle.toFile()).toString(); // compact, as npm's JSON.stringify
    }

    /** npm 11's PUT body with the {@code <name>-<version>.sigstore} attachment (npm.md §4): the bundle JSON as a string. */
    static ObjectNode body(String name, String version, byte[] tarball, String repositoryUrl, String bundleJson) {
        ObjectNode body = RegistryFixture.publishBody(name, version, "latest", tarball);
        ((ObjectNode) body.at("/versions/" + version)).putObject("repository").put("type", "git").put("url", repositoryUrl);
        ObjectNode attachment = ((ObjectNode) body.get("_attachments")).putObject(name + "-" + version + ".sigstore");
        attachment.put("content_type", "application/vnd.dev.sigstore.bundle.v0.3+json");
        attachment.put("data", bundleJson);
        attachment.put("length", bundleJson.getBytes(StandardCharsets.UTF_8).length);
        return body;
    }
}
