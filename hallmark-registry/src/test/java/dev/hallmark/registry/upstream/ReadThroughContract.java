package dev.hallmark.registry.upstream;

import static dev.hallmark.registry.upstream.UpstreamDocs.path;
import static dev.hallmark.registry.upstream.UpstreamDocs.tarballPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.registry.api.RegistryResponse;
import dev.hallmark.registry.upstream.FakeUpstream.Reply;
import dev.hallmark.registry.upstream.UpstreamException.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Read-through, caching, revalidation and stale-if-error, on each store. */
abstract class ReadThroughContract extends ReadThroughFixture {
    @Test
    void fullPackumentKeepsEveryDistFieldAndPointsTarballsHere() throws Exception {
        ObjectNode upstream = upstreamHas("left-pad", "\"e1\"", "1.2.0", "1.3.0");
        RegistryResponse r = api.packument("left-pad", caller(JSON));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(RegistryResponse.JSON);
        ObjectNode served = json(r);
        for (String v : new String[] {"1.2.0", "1.3.0"}) {
            assertDistKeptExceptTarball(served, upstream, v, localTarballUrl("left-pad", v));
        }
        // apart from dist.tarball, the document is the upstream's as it was sent
        ObjectNode expected = upstream.deepCopy();
        expected.path("versions").forEach(v -> ((ObjectNode) v.get("dist")).remove("tarball"));
        served.path("versions").forEach(v -> ((ObjectNode) v.get("dist")).remove("tarball"));
        assertThat(served).isEqualTo(expected);
        assertThat(up.requests).singleElement().satisfies(s -> {
            assertThat(s.rawPath()).isEqualTo("/left-pad");
            assertThat(s.accept()).contains("application/json");
        });
    }

    @Test
    void scopedNamesAreAskedForEscapedAndServedUnderTheirFullName() throws Exception {
        ObjectNode upstream = upstreamHas("@acme/widget", "\"w1\"", "2.0.0");
        ObjectNode served = json(api.packument("@acme/widget", caller(JSON)));
        assertDistKeptExceptTarball(served, upstream, "2.0.0", localTarballUrl("@acme/widget", "2.0.0"));
        assertThat(up.requests.get(0).rawPath()).isEqualTo("/@acme%2fwidget");
        RegistryResponse tarball = api.tarball("@acme/widget", "widget-2.0.0.tgz", caller("*/*"));
        assertThat(tarball.status()).isEqualTo(200);
        assertThat(tarball.body().toArray()).isEqualTo(tgz("@acme/widget", "2.0.0"));
        assertThat(up.count("/@acme/widget/-/widget-2.0.0.tgz")).isEqualTo(1);
    }

    @Test
    void abbreviatedDocumentIsDerivedFromTheCachedFullOne() throws Exception {
        ObjectNode upstream = upstreamHas("left-pad", "\"e1\"", "1.3.0");
        json(api.packument("left-pad", caller(JSON)));
        RegistryResponse r = api.packument("left-pad", caller(INSTALL));
        assertThat(r.contentType()).isEqualTo(RegistryResponse.ABBREVIATED);
        ObjectNode doc = json(r);
        assertThat(doc.fieldNames()).toIterable().containsExactly("name", "modified", "dist-tags", "versions");
        assertThat(doc.path("modified").asText()).isEqualTo(upstream.path("time").path("modified").asText());
        assertThat(doc.path("versions").path("1.3.0").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("name", "version", "dependencies", "dist");
        assertDistKeptExceptTarball(doc, upstream, "1.3.0", localTarballUrl("left-pad", "1.3.0"));
        assertThat(up.count("/left-pad")).isEqualTo(1);
        assertThat(api.version("left-pad", "latest", caller(JSON)).status()).isEqualTo(200);
        assertThat(json(api.version("left-pad", "latest", caller(JSON))).path("dist").path("tarball").asText())
                .isEqualTo(localTarballUrl("left-pad", "1.3.0"));
    }

    @Test
    void withinTheTtlTheCacheAnswersWithoutTheNetwork() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        RegistryResponse first = api.packument("left-pad", caller(JSON));
        f.advance(TTL.minusSeconds(1));
        RegistryResponse again = api.packument("left-pad", caller(JSON));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(up.count("/left-pad")).isEqualTo(1);
        // the document's own ETag gives a 304 at our level too
        String etag = first.headers().get("ETag");
        RegistryResponse notModified = api.packument("left-pad", revalidating(etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body().isEmpty()).isTrue();
    }

    @Test
    void tarballIsVerifiedCachedAndThenServedWithoutTheUpstream() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        RegistryResponse first = api.tarball("left-pad", "left-pad-1.3.0.tgz", caller("*/*"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().toArray()).isEqualTo(tgz("left-pad", "1.3.0"));
        assertThat(f.store.upstreamCache().tarball("left-pad", "left-pad-1.3.0.tgz")).isPresent();
        up.close();
        RegistryResponse again = api.tarball("left-pad", "left-pad-1.3.0.tgz", caller("*/*"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(up.count(tarballPath("left-pad", "1.3.0"))).isEqualTo(1);
        assertThat(api.tarball("left-pad", "left-pad-9.9.9.tgz", caller("*/*")).status()).isEqualTo(404);
    }

    @Test
    void afterTheTtlTheCopyIsRevalidatedAndA304KeepsIt() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        RegistryResponse first = api.packument("left-pad", caller(JSON));
        f.advance(TTL.plusSeconds(1));
        RegistryResponse second = api.packument("left-pad", caller(JSON));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(up.requests).hasSize(2);
        assertThat(up.requests.get(0).ifNoneMatch()).isEmpty();
        assertThat(up.requests.get(1).ifNoneMatch()).contains("\"e1\"");
        f.advance(TTL.minusSeconds(1)); // the 304 renewed the copy
        api.packument("left-pad", caller(JSON));
        assertThat(up.requests).hasSize(2);
    }

    @Test
    void afterTheTtlAChangedUpstreamDocumentReplacesTheCopy() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        RegistryResponse first = api.packument("left-pad", caller(JSON));
        upstreamHas("left-pad", "\"e2\"", "1.3.0", "1.4.0");
        f.advance(TTL.plusSeconds(1));
        RegistryResponse second = api.packument("left-pad", caller(JSON));
        assertThat(json(second).path("versions").has("1.4.0")).isTrue();
        assertThat(json(second).path("dist-tags").path("latest").asText()).isEqualTo("1.4.0");
        assertThat(second.headers().get("ETag")).isNotEqualTo(first.headers().get("ETag"));
        assertThat(api.tarball("left-pad", "left-pad-1.4.0.tgz", caller("*/*")).status()).isEqualTo(200);
    }

    @Test
    void staleIfErrorServesTheCopyWhileTheUpstreamFailsOrIsDown() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        RegistryResponse first = api.packument("left-pad", caller(JSON));
        up.reply(path("left-pad"), Reply.status(503));
        f.advance(TTL.plusSeconds(1));
        assertThat(api.packument("left-pad", caller(JSON)).body()).isEqualTo(first.body());
        up.close();
        f.advance(TTL.plusSeconds(1));
        RegistryResponse down = api.packument("left-pad", caller(INSTALL));
        assertThat(down.status()).isEqualTo(200);
        assertThat(json(down).path("versions").has("1.3.0")).isTrue();
    }

    @Test
    void withoutACopyAFailingUpstreamIsABadGateway() throws Exception {
        up.reply(path("left-pad"), Reply.status(500));
        assertThat(api.packument("left-pad", caller(JSON)).status()).isEqualTo(502);
        assertThat(refusal(() -> readThrough.packument(name("left-pad")))).isEqualTo(Reason.BAD_STATUS);
        up.close();
        assertThat(refusal(() -> readThrough.packument(name("left-pad")))).isEqualTo(Reason.UNREACHABLE);
        assertThat(json(api.packument("left-pad", caller(JSON))).path("error").asText()).isNotEmpty();
    }

    @Test
    void anUpstream404IsNotFoundAndDropsTheCopy() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        api.packument("left-pad", caller(JSON));
        up.remove(path("left-pad"));
        f.advance(TTL.plusSeconds(1));
        assertThat(api.packument("left-pad", caller(JSON)).status()).isEqualTo(404);
        assertThat(f.store.upstreamCache().packumentInfo("left-pad")).isEmpty();
        assertThat(api.packument("never-there", caller(JSON)).status()).isEqualTo(404);
    }

    @Test
    void anUpstreamPackumentForAnotherNameIsRefused() throws Exception {
        ObjectNode other = UpstreamDocs.packument(up.url(), "other", Map.of("1.0.0", tgz("other", "1.0.0")));
        up.reply(path("left-pad"), Reply.json(other, "\"x\""));
        assertThat(refusal(() -> readThrough.packument(name("left-pad")))).isEqualTo(Reason.MALFORMED);
        assertThat(f.store.upstreamCache().packumentInfo("left-pad")).isEmpty();
    }
}
