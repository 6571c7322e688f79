package dev.hallmark.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.registry.RegistryFixture;
import dev.hallmark.registry.api.RegistryResponse;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.provenance.PlaywrightVector;
import dev.hallmark.registry.provenance.ProvenancePolicy;
import dev.hallmark.registry.provenance.ProvenanceVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages as the server answers them, over a real registry (SQLite) with the public-good Playwright publish. */
class WebPagesTest {
    private static final WebPages.Viewer ANONYMOUS = new WebPages.Viewer(Optional.empty(), "127.0.0.1");
    private static final Bytes OWN_LOG_ID = Digest.sha256("own log".getBytes(StandardCharsets.UTF_8)).value();

    @TempDir
    Path dir;
    RegistryFixture f;
    WebPages pages;
    final Map<Long, TlogEntry> logEntries = new HashMap<>();

    @BeforeEach
    void open() throws Exception {
        f = RegistryFixture.open("sqlite", dir, new ProvenanceVerifier(List.of(PlaywrightVector.publicGoodVerifier()),
                ProvenancePolicy.DEFAULT));
        LogEntries log = new LogEntries() {
            @Override
            public Bytes logId() {
                return OWN_LOG_ID;
            }

            @Override
            public Optional<TlogEntry> entry(long index) {
                return Optional.ofNullable(logEntries.get(index));
            }
        };
        var publicGood = TrustedRootCodec.parse(Vectors.bytes("npm/playwright-cli-0.1.1/trusted_root.json"));
        pages = new WebPages(f.registry, f.accounts, log, publicGood.tlogs());
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static String body(RegistryResponse r) {
        return new String(r.body().toArray(), StandardCharsets.UTF_8);
    }

    @Test
    void theProvenanceBadgeShowsSourceCommitBuildFileRunAndLogEntry() throws Exception {
        Principal owner = f.user("playwright");
        f.registry.publish(owner, PackageName.parse(PlaywrightVector.NAME), PlaywrightVector.publishBody(
                PlaywrightVector.tarball(), PlaywrightVector.provenanceBundle()));

        RegistryResponse r = pages.packagePage("@playwright/cli", Optional.empty(), ANONYMOUS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/html; charset=utf-8");
        String html = body(r);
        assertThat(html).contains("<h1>@playwright/cli</h1>")
                .contains("<code>npm install @playwright/cli</code>")
                .contains("Built and signed on GitHub Actions")
                .contains("href=\"https://github.com/microsoft/playwright-cli\"")
                .contains("href=\"https://github.com/microsoft/playwright-cli/commit/"
                        + "d1c6d1113932ddcee243e8b111b6d4aea553df20\"")
                .contains(">d1c6d11</a>")
                .contains("href=\"https://github.com/microsoft/playwright-cli/blob/"
                        + "d1c6d1113932ddcee243e8b111b6d4aea553df20/.github/workflows/publish.yml\"")
                .contains(">.github/workflows/publish.yml</a>")
                .contains("href=\"https://github.com/microsoft/playwright-cli/actions/runs/22026075834/attempts/1\"")
                .contains("https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1")
                .contains("<code class=\"wrap\">https://token.actions.githubusercontent.com</code>")
                // logged in public-good Rekor, which the configured root names: linked to that log's own API
                .contains("href=\"https://rekor.sigstore.dev/api/v1/log/entries?logIndex=953297574\"")
                .contains(" in rekor.sigstore.dev")
                // the readme comes from the tarball: the version document npm sent has none
                .contains("<section class=\"readme\" id=\"readme\">").doesNotContain("This version has no readme")
                .contains("class=\"badge provenance\"");
        assertThat(pages.packagePage("@playwright/cli", Optional.of("latest"), ANONYMOUS).status()).isEqualTo(200);
        assertThat(body(pages.packagePage("@playwright/cli", Optional.of("0.1.1"), ANONYMOUS)))
                .contains("commit/d1c6d1113932ddcee243e8b111b6d4aea553df20");
    }

    @Test
    void packageDataWithScriptTagsRendersInert() throws Exception {
        Principal alice = f.user("alice");
        ObjectNode body = RegistryFixture.publishBody("widget", "1.0.0");
        ObjectNode doc = (ObjectNode) body.at("/versions/1.0.0");
        doc.put("description", "<script>alert('description')</script>");
        doc.put("readme", "# Widget\n\n<script>alert('readme')</script>\n\n[x](javascript:alert(1))");
        doc.put("readmeFilename", "README.md");
        doc.put("homepage", "javascript:alert('homepage')");
        doc.put("license", "\"><img src=x onerror=alert(1)>");
        doc.putArray("keywords").add("<b>kw</b>");
        f.registry.publish(alice, PackageName.parse("widget"), body);

        String html = body(pages.packagePage("widget", Optional.empty(), ANONYMOUS));
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("href=\"javascript:")
                .doesNotContain("<b>kw")
                .contains("&lt;script&gt;alert(&#39;description&#39;)&lt;/script&gt;")
                .contains("&lt;script&gt;alert('readme')&lt;/script&gt;")
                .contains("<h1>Widget</h1>")
                .contains("No provenance");
        String index = body(pages.index(Optional.of("widget"), Optional.empty(), ANONYMOUS));
        assertThat(index).doesNotContain("<script").contains("&lt;script&gt;").contains("/-/ui/package/widget");
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        f.registry.publish(f.user("alice"), PackageName.parse("widget"), RegistryFixture.publishBody("widget", "1.0.0"));
        for (RegistryResponse r : List.of(pages.packagePage("widget", Optional.empty(), ANONYMOUS),
                pages.index(Optional.empty(), Optional.empty(), ANONYMOUS),
                pages.packagePage("nope", Optional.empty(), ANONYMOUS), pages.logEntry("7", ANONYMOUS),
                pages.notFound())) {
            assertThat(r.contentType()).isEqualTo(WebPages.HTML);
            assertThat(r.headers().get("Content-Security-Policy")).startsWith("default-src 'self';")
                    .contains("script-src 'none'");
            assertThat(r.headers()).containsEntry("X-Content-Type-Options", "nosniff");
            assertThat(body(r)).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("style=");
        }
    }

    @Test
    void unknownPackagesVersionsAndNamesAreHtml404s() throws Exception {
        f.registry.publish(f.user("alice"), PackageName.parse("widget"), RegistryFixture.publishBody("widget", "1.0.0"));
        assertThat(pages.packagePage("nope", Optional.empty(), ANONYMOUS).status()).isEqualTo(404);
        assertThat(pages.packagePage("widget", Optional.of("9.9.9"), ANONYMOUS).status()).isEqualTo(404);
        RegistryResponse invalid = pages.packagePage("../../etc/passwd", Optional.empty(), ANONYMOUS);
        assertThat(invalid.status()).isEqualTo(404);
        assertThat(body(invalid)).contains("There is no package named ../../etc/passwd");
    }

    @Test
    void theIndexListsAndSearchesPackages() throws Exception {
        Principal alice = f.user("alice");
        f.registry.publish(alice, PackageName.parse("widget"), RegistryFixture.publishBody("widget", "1.0.0"));
        f.registry.publish(alice, PackageName.parse("@acme/gadget"), RegistryFixture.publishBody("@acme/gadget",
                "2.0.0"));
        String all = body(pages.index(Optional.empty(), Optional.empty(), ANONYMOUS));
        assertThat(all).contains("href=\"/-/ui/package/widget\"").contains("href=\"/-/ui/package/@acme/gadget\"")
                .contains("name=\"q\"");
        String found = body(pages.index(Optional.of("gadg"), Optional.empty(), ANONYMOUS));
        assertThat(found).contains("@acme/gadget").doesNotContain("/-/ui/package/widget")
                .contains("value=\"gadg\"");
    }

    @Test
    void theLogEntryPageShowsKindTimeBodyHashAndChecksTheInclusionPath() throws Exception {
        Bytes body = Bytes.utf8("{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{}}");
        Bytes leaf = MerkleHash.leafHash(body);
        Bytes sibling = Digest.sha256(new byte[] {1}).value();
        Bytes root = MerkleHash.nodeHash(leaf, sibling);
        logEntries.put(4L, new TlogEntry(4, OWN_LOG_ID, "dsse", "0.0.1", 1_771_111_723L, Optional.empty(),
                Optional.of(new TlogInclusionProof(0, root, 2, List.of(sibling), Optional.of("origin\n2\nroot\n"))),
                body));
        logEntries.put(5L, new TlogEntry(5, OWN_LOG_ID, "dsse", "0.0.1", 1_771_111_723L, Optional.empty(),
                Optional.of(new TlogInclusionProof(0, sibling, 2, List.of(sibling), Optional.empty())), body));

        RegistryResponse r = pages.logEntry("4", ANONYMOUS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).contains("<h1>Log entry 4</h1>").contains("dsse 0.0.1")
                .contains("datetime=\"2026-02-14T23:28:43Z\"")
                .contains(Digest.sha256(body.toArray()).hex()).contains(leaf.hex())
                .contains("the audit path leads from this entry to the root hash")
                .contains("&quot;kind&quot; : &quot;dsse&quot;");
        assertThat(body(pages.logEntry("5", ANONYMOUS))).contains("does not lead to the root hash: ROOT_MISMATCH");
        assertThat(pages.logEntry("6", ANONYMOUS).status()).isEqualTo(404);
        assertThat(pages.logEntry("-1", ANONYMOUS).status()).isEqualTo(404);
        assertThat(pages.logEntry("99999999999999999999999", ANONYMOUS).status()).isEqualTo(404);
    }

    @Test
    void browsersAreSentToThePagesAndApiClientsAreNot() {
        assertThat(WebPages.wantsHtml(Optional.of("text/html,application/xhtml+xml,application/xml;q=0.9,"
                + "image/avif,image/webp,*/*;q=0.8"))).isTrue();
        assertThat(WebPages.wantsHtml(Optional.of("application/vnd.npm.install-v1+json; q=1.0, "
                + "application/json; q=0.8, */*"))).isFalse();
        assertThat(WebPages.wantsHtml(Optional.of("application/json"))).isFalse();
        assertThat(WebPages.wantsHtml(Optional.of("*/*"))).isFalse();
        assertThat(WebPages.wantsHtml(Optional.of("text/html;q=0"))).isFalse();
        assertThat(WebPages.wantsHtml(Optional.empty())).isFalse();
        RegistryResponse redirect = pages.redirectHome();
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.headers()).containsEntry("Location", "/-/ui/");
    }
}
