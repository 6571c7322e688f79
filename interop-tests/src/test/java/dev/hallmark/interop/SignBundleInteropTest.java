package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.Main;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.strings.StringMatcher;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles written by {@code hallmark sign-bundle} (the conformance signing protocol) against a Hallmark with --dev are
 * accepted by the pinned @sigstore/verify with an exact identity policy, and message signatures by sigstore-java 2.0.0
 * too: a file (hashedrekord 0.0.1), an in-toto statement (dsse 0.0.1) and a Rekor v2 signing config (hashedrekord 0.0.2).
 */
class SignBundleInteropTest {
    @TempDir
    static Path dir;
    private static HallmarkServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = "acme/widget/.github/workflows/release.yml@refs/tags/v2.0.0";
    private static final String SAN = "https://github.com/" + WORKFLOW;
    private static final byte[] ARTIFACT = "widget-2.0.0.tgz contents\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        server = HallmarkServer.builder(dir.resolve("data"))
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(), Optional.empty(), true))
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String issuer() {
        return server.urls().server() + "/oidc/github";
    }

    private static String identityToken() throws Exception {
        Map<String, String> claims = Map.of("repository", "acme/widget", "ref", "refs/tags/v2.0.0",
                "workflow_ref", WORKFLOW, "job_workflow_ref", WORKFLOW);
        JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/dev/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(claims))).build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(job.get("requestUrl").asText() + "&audience=sigstore"))
                .header("Authorization", "Bearer " + job.get("requestToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).get("value").asText();
    }

    private static Path trustedRoot() {
        return dir.resolve("data/trust/trusted_root.json");
    }

    /** Runs {@code hallmark sign-bundle} in process, with the conformance harness's argument order. */
    private static Path sign(String name, Path signingConfig, boolean inToto, Path file) throws Exception {
        Path bundle = dir.resolve(name + ".sigstore.json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sign-bundle"));
        if (inToto) {
            args.add("--in-toto");
        }
        args.addAll(java.util.List.of("--identity-token", identityToken(), "--bundle", bundle.toString(),
                "--trusted-root", trustedRoot().toString(), "--signing-config", signingConfig.toString(), file.toString()));
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(exit).as(err.toString()).isZero();
        return bundle;
    }

    private static void sigstoreJavaAccepts(Path bundle) throws Exception {
        KeylessVerifier java = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot())).build();
        VerificationOptions options = VerificationOptions.builder().addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                .subjectAlternativeName(StringMatcher.string(SAN)).issuer(StringMatcher.string(issuer())).build()).build();
        java.verify(Digest.sha256(ARTIFACT).value().toArray(), dev.sigstore.bundle.Bundle.from(Files.newBufferedReader(bundle)), options);
    }

    @Test
    void aSignedFileVerifiesWithSigstoreJsAndSigstoreJava() throws Exception {
        Path artifact = Files.write(dir.resolve("widget-2.0.0.tgz"), ARTIFACT);
        Path bundle = sign("file", dir.resolve("data/trust/signing_config.json"), false, artifact);
        NodeClients.Result js = NodeClients.run("verify-keyless.mjs", bundle.toString(), trustedRoot().toString(), SAN, issuer(),
                artifact.toString());
        assertThat(js.output()).isEqualTo("verified");
        NodeClients.Result wrong = NodeClients.run("verify-keyless.mjs", bundle.toString(), trustedRoot().toString(),
                SAN.replace("widget", "gadget"), issuer(), artifact.toString());
        assertThat(wrong.exit()).isEqualTo(1);
        sigstoreJavaAccepts(bundle);
    }

    @Test
    void aSignedInTotoStatementVerifiesWithSigstoreJs() throws Exception {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"widget-2.0.0.tgz\",\"digest\":{\"sha256\":\""
                + Digest.sha256(ARTIFACT).hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
        Path payload = Files.writeString(dir.resolve("statement.json"), statement);
        Path bundle = sign("statement", dir.resolve("data/trust/signing_config.json"), true, payload);
        assertThat(JSON.readTree(bundle.toFile()).at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText()).isEqualTo("dsse");
        NodeClients.Result js = NodeClients.run("verify-keyless.mjs", bundle.toString(), trustedRoot().toString(), SAN, issuer());
        assertThat(js.output()).isEqualTo("verified");
    }

    @Test
    void aRekorV2SignedFileVerifiesWithSigstoreJs() throws Exception {
        Path artifact = Files.write(dir.resolve("widget-2.0.0-v2.tgz"), ARTIFACT);
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("data/trust/signing_config.json").toFile());
        ((ObjectNode) config.get("rekorTlogUrls").get(0)).put("majorApiVersion", 2);
        Path v2 = Files.writeString(dir.resolve("signing_config.rekor-v2.json"), config.toString());
        Path bundle = sign("rekor-v2", v2, false, artifact);
        assertThat(JSON.readTree(bundle.toFile()).at("/verificationMaterial/tlogEntries/0/kindVersion/version").asText()).isEqualTo("0.0.2");
        NodeClients.Result js = NodeClients.run("verify-keyless.mjs", bundle.toString(), trustedRoot().toString(), SAN, issuer(),
                artifact.toString());
        assertThat(js.output()).isEqualTo("verified");
    }
}
