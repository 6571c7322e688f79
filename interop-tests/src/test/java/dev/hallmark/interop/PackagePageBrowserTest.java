package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.Vectors;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.provenance.PlaywrightVector;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package page in a real browser (headless Debian chromium): a test Hallmark that trusts public-good Sigstore's
 * root of the time (registry.provenance.extraTrustedRoots) gets the real npmjs publish of @playwright/cli@0.1.1 with
 * its provenance bundle; the page then shows the provenance badge with the certificate's source repository, commit,
 * workflow file and run, the public-good log entry, and the registry's own publish attestation in this instance's
 * log, whose entry page the browser opens next. Screenshots land in target/screenshots/.
 */
class PackagePageBrowserTest {
    static final String COMMIT = "d1c6d1113932ddcee243e8b111b6d4aea553df20";
    static final String REPOSITORY = "https://github.com/microsoft/playwright-cli";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    static HallmarkServer server;
    static HeadlessChromium chromium;
    static long publishAttestationIndex = -1;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.find(Files.createDirectories(dir.resolve("chromium")));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("public-good-root.json"), Vectors.bytes("npm/playwright-cli-0.1.1/trusted_root.json"));
        Files.writeString(data.resolve("hallmark.yaml"), """
                registry:
                  provenance:
                    extraTrustedRoots: [public-good-root.json]
                """);
        server = HallmarkServer.builder(data)
                .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                        Optional.empty(), false))
                .start();
        String token = RegistryHttp.login(registry(), "playwright");
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/@playwright%2fcli"))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(PlaywrightVector.publishBody(PlaywrightVector.tarball(),
                        PlaywrightVector.provenanceBundle()).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        HttpResponse<byte[]> attestations = HTTP.send(HttpRequest.newBuilder(URI.create(registry()
                + "/-/npm/v1/attestations/@playwright%2fcli@0.1.1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        for (var attestation : Json.parseObject(attestations.body(), 1 << 24).path("attestations")) {
            if (attestation.path("predicateType").asText().endsWith("/specs/publish/v0.1")) {
                publishAttestationIndex = Long.parseLong(attestation.at(
                        "/bundle/verificationMaterial/tlogEntries/0/logIndex").asText());
            }
        }
        assertThat(publishAttestationIndex).as("the publish attestation's log index").isNotNegative();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String registry() {
        return server.urls().registry().toString().replaceAll("/+$", "");
    }

    @Test
    void thePackagePageShowsTheProvenanceBadge() throws Exception {
        String url = registry() + "/-/ui/package/@playwright/cli";
        String dom = chromium.dumpDom(url);
        assertThat(dom).contains("<h1>@playwright/cli</h1>")
                .contains("npm install @playwright/cli")
                .contains("class=\"badge provenance\"")
                .contains("Built and signed on GitHub Actions")
                .contains("<dt>Source repository</dt><dd><a href=\"" + REPOSITORY + "\"")
                .contains(">" + REPOSITORY + "</a>")
                .contains("<dt>Commit</dt><dd><a href=\"" + REPOSITORY + "/commit/" + COMMIT + "\"")
                .contains(">d1c6d11</a>")
                .contains("<dt>Build file</dt><dd><a href=\"" + REPOSITORY + "/blob/" + COMMIT
                        + "/.github/workflows/publish.yml\"")
                .contains(">.github/workflows/publish.yml</a>")
                .contains("<dt>Run invocation</dt><dd><a href=\"" + REPOSITORY + "/actions/runs/22026075834/attempts/1\"")
                .contains("<dt>Signer</dt><dd><code class=\"wrap\">" + REPOSITORY
                        + "/.github/workflows/publish.yml@refs/tags/v0.1.1</code>")
                .contains("<dt>Transparency log</dt><dd><a href=\"https://rekor.sigstore.dev/api/v1/log/entries"
                        + "?logIndex=953297574\"")
                .contains("<dt>Publish attestation</dt><dd><a href=\"/-/ui/log/" + publishAttestationIndex
                        + "\" class=\"log-link\">entry " + publishAttestationIndex + "</a> in this registry's log")
                .contains("id=\"readme\"").doesNotContain("This version has no readme");
        chromium.screenshot(url, SCREENSHOTS.resolve("package-page.png"), 1280, 1600);
        assertThat(Files.readAllBytes(SCREENSHOTS.resolve("package-page.png"))).startsWith(0x89, 'P', 'N', 'G')
                .hasSizeGreaterThan(20_000);
    }

    @Test
    void theLogLinkOpensTheEntryOfThePublishAttestation() throws Exception {
        String url = registry() + "/-/ui/log/" + publishAttestationIndex;
        String dom = chromium.dumpDom(url);
        assertThat(dom).contains("<h1>Log entry " + publishAttestationIndex + "</h1>")
                .contains("dsse 0.0.1")
                .contains("the audit path leads from this entry to the root hash")
                .contains("Body SHA-256");
        chromium.screenshot(url, SCREENSHOTS.resolve("log-entry.png"), 1280, 1200);
    }

    @Test
    void aBrowserAtTheRootLandsOnTheIndexAndNpmDoesNot() throws Exception {
        String dom = chromium.dumpDom(registry() + "/");
        assertThat(dom).contains("name=\"q\"").contains("href=\"/-/ui/package/@playwright/cli\"");

        HttpResponse<String> browser = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/"))
                .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("location")).contains("/-/ui/");
        HttpResponse<String> npm = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/"))
                .header("accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(npm.statusCode()).isEqualTo(404);
        assertThat(npm.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        HttpResponse<String> packument = HTTP.send(HttpRequest.newBuilder(URI.create(registry()
                + "/@playwright%2fcli")).header("accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(packument.statusCode()).isEqualTo(200);
        assertThat(packument.body()).startsWith("{");
    }

    @Test
    void pagesAreHtmlWithTheSecurityHeadersAndUnknownPackagesAreHtml404s() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(registry()
                + "/-/ui/package/@playwright%2fcli")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("default-src 'self'"));
        assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(registry()
                + "/-/ui/package/no-such-package")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(missing.body()).contains("There is no package named no-such-package");
        HttpResponse<String> css = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + "/-/ui/hallmark.css"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(css.headers().firstValue("content-type")).contains("text/css; charset=utf-8");
    }
}
