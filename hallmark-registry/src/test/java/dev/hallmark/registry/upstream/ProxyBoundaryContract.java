package dev.hallmark.registry.upstream;

import static dev.hallmark.registry.RegistryFixture.publishBody;
import static dev.hallmark.registry.upstream.UpstreamDocs.path;
import static dev.hallmark.registry.upstream.UpstreamDocs.tarballPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.api.NpmApi;
import dev.hallmark.registry.api.NpmApi.Caller;
import dev.hallmark.registry.auth.Principal;
import dev.hallmark.registry.upstream.FakeUpstream.Reply;
import dev.hallmark.registry.upstream.UpstreamException.Reason;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the proxy refuses, and where it stops: integrity, size limits, local names, first publishes; on each store. */
abstract class ProxyBoundaryContract extends ReadThroughFixture {
    @Test
    void aTarballNotMatchingItsIntegrityIsRefusedAndNothingIsCached() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        byte[] impostor = tgz("left-pad", "6.6.6");
        up.reply(tarballPath("left-pad", "1.3.0"), Reply.bytes(impostor));
        assertThat(api.tarball("left-pad", "left-pad-1.3.0.tgz", caller("*/*")).status()).isEqualTo(502);
        assertThat(refusal(() -> readThrough.tarball(name("left-pad"), "left-pad-1.3.0.tgz")))
                .isEqualTo(Reason.INTEGRITY_MISMATCH);
        assertThat(f.store.upstreamCache().tarball("left-pad", "left-pad-1.3.0.tgz")).isEmpty();
        assertThat(blobStored(impostor)).isFalse();
        // once the upstream serves the right bytes, they go through
        up.reply(tarballPath("left-pad", "1.3.0"), Reply.bytes(tgz("left-pad", "1.3.0")));
        assertThat(api.tarball("left-pad", "left-pad-1.3.0.tgz", caller("*/*")).status()).isEqualTo(200);
    }

    @Test
    void withoutAnIntegrityTheShasumIsChecked() throws Exception {
        ObjectNode doc = upstreamHas("old-pkg", "\"o1\"", "0.1.0");
        ObjectNode dist = (ObjectNode) doc.path("versions").path("0.1.0").path("dist");
        dist.remove("integrity");
        up.reply(path("old-pkg"), Reply.json(doc, "\"o2\""));
        assertThat(api.tarball("old-pkg", "old-pkg-0.1.0.tgz", caller("*/*")).body().toArray())
                .isEqualTo(tgz("old-pkg", "0.1.0"));

        ObjectNode wrong = upstreamHas("old-two", "\"t1\"", "0.1.0");
        ObjectNode wrongDist = (ObjectNode) wrong.path("versions").path("0.1.0").path("dist");
        wrongDist.remove("integrity");
        wrongDist.put("shasum", sha1(tgz("old-two", "9.9.9")));
        up.reply(path("old-two"), Reply.json(wrong, "\"t2\""));
        assertThat(refusal(() -> readThrough.tarball(name("old-two"), "old-two-0.1.0.tgz")))
                .isEqualTo(Reason.INTEGRITY_MISMATCH);
    }

    @Test
    void versionsWithoutAUsableDigestAreLeftOutWithTheirTags() throws Exception {
        ObjectNode doc = upstreamHas("left-pad", "\"e1\"", "1.3.0", "2.0.0-rc.1", "2.0.0");
        ((ObjectNode) doc.path("versions").path("2.0.0").path("dist")).remove(java.util.List.of("integrity", "shasum"));
        ((ObjectNode) doc.path("versions").path("2.0.0-rc.1").path("dist")).put("integrity", "sha512-not*base64");
        ((ObjectNode) doc.path("dist-tags")).put("next", "2.0.0-rc.1");
        up.reply(path("left-pad"), Reply.json(doc, "\"e2\""));
        ObjectNode served = json(api.packument("left-pad", caller(JSON)));
        assertThat(served.path("versions").fieldNames()).toIterable().containsExactly("1.3.0");
        assertThat(served.path("dist-tags").fieldNames()).toIterable().isEmpty(); // latest and next named dropped ones
        assertThat(api.tarball("left-pad", "left-pad-2.0.0.tgz", caller("*/*")).status()).isEqualTo(404);
        assertThat(up.count(tarballPath("left-pad", "2.0.0"))).isZero();
    }

    @Test
    void anAdvertisedTarballOutsideTheUpstreamIsFetchedFromItsCanonicalPathThere() throws Exception {
        ObjectNode doc = upstreamHas("left-pad", "\"e1\"", "1.3.0");
        ((ObjectNode) doc.path("versions").path("1.3.0").path("dist")).put("tarball",
                "http://elsewhere.invalid/left-pad/-/left-pad-1.3.0.tgz");
        up.reply(path("left-pad"), Reply.json(doc, "\"e2\""));
        assertThat(api.tarball("left-pad", "left-pad-1.3.0.tgz", caller("*/*")).status()).isEqualTo(200);
        assertThat(up.count(tarballPath("left-pad", "1.3.0"))).isEqualTo(1);
    }

    @Test
    void packumentsAndTarballsAboveTheLimitsAreRefusedWhileStreaming() throws Exception {
        ObjectNode big = upstreamHas("big", "\"b1\"", "1.0.0");
        big.put("readme", "x".repeat(64 * 1024));
        ReadThrough small = readThrough(options(32 * 1024, 64));
        up.reply(path("big"), Reply.json(big, "\"b2\""));
        assertThat(refusal(() -> small.packument(name("big")))).isEqualTo(Reason.TOO_LARGE);
        up.reply(path("big"), Reply.json(big, "\"b3\"").chunkedBody()); // no Content-Length to go by
        assertThat(refusal(() -> small.packument(name("big")))).isEqualTo(Reason.TOO_LARGE);
        assertThat(f.store.upstreamCache().packumentInfo("big")).isEmpty();

        upstreamHas("tiny", "\"t1\"", "1.0.0"); // its tarball is a few hundred bytes, above 64
        assertThat(refusal(() -> small.tarball(name("tiny"), "tiny-1.0.0.tgz"))).isEqualTo(Reason.TOO_LARGE);
        up.reply(tarballPath("tiny", "1.0.0"), Reply.bytes(tgz("tiny", "1.0.0")).chunkedBody());
        assertThat(refusal(() -> small.tarball(name("tiny"), "tiny-1.0.0.tgz"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(blobStored(tgz("tiny", "1.0.0"))).isFalse();
    }

    @Test
    void aLocalPackageAlwaysWinsAndItsNameIsNeverProxied() throws Exception {
        Principal alice = f.user("alice");
        f.registry.publish(alice, name("widget"), publishBody("widget", "1.0.0"));
        upstreamHas("widget", "\"w1\"", "1.0.0", "9.9.9");
        ObjectNode served = json(api.packument("widget", caller(JSON)));
        assertThat(served.path("versions").fieldNames()).toIterable().containsExactly("1.0.0");
        assertThat(api.tarball("widget", "widget-9.9.9.tgz", caller("*/*")).status()).isEqualTo(404);
        assertThat(api.version("widget", "9.9.9", caller(JSON)).status()).isEqualTo(404);
        assertThat(api.tarball("widget", "widget-1.0.0.tgz", caller("*/*")).status()).isEqualTo(200);
        // a name unpublished here stays ours: not proxied either
        f.registry.publish(alice, name("gadget"), publishBody("gadget", "1.0.0"));
        f.registry.unpublishPackage(alice, name("gadget"), Optional.empty());
        upstreamHas("gadget", "\"g1\"", "2.0.0");
        assertThat(api.packument("gadget", caller(JSON)).status()).isEqualTo(404);
        assertThat(api.tarball("gadget", "gadget-2.0.0.tgz", caller("*/*")).status()).isEqualTo(404);
        assertThat(up.requests).isEmpty();
    }

    @Test
    void aFirstPublishOfANameTheUpstreamHasIsRefused() throws Exception {
        String token = f.accounts.login("alice", "pw-alice", Optional.of("alice@example.com")).secret();
        Caller alice = new Caller(Optional.of("Bearer " + token), Optional.of(JSON), Optional.empty(), "127.0.0.1");
        upstreamHas("lodash", "\"l1\"", "4.17.21");
        assertThat(api.put("lodash", Optional.empty(), body("lodash", "99.0.0"), alice).status()).isEqualTo(409);
        assertThat(refusal(() -> readThrough.requireAbsentUpstream(name("lodash"))))
                .isEqualTo(Reason.NAME_EXISTS_UPSTREAM);
        assertThat(f.registry.revision(name("lodash"))).isEmpty();
        // a name the upstream does not have is published as usual, and later versions never ask the upstream
        assertThat(api.put("internal-tool", Optional.empty(), body("internal-tool", "1.0.0"), alice).status())
                .isEqualTo(201);
        long asked = up.requests.size();
        assertThat(api.put("internal-tool", Optional.empty(), body("internal-tool", "1.1.0"), alice).status())
                .isEqualTo(201);
        assertThat(up.requests).hasSize((int) asked);
        // cannot ask: fail closed, unless the name is cached (then it is known to be taken)
        api.packument("lodash", caller(JSON));
        up.close();
        assertThat(api.put("brand-new", Optional.empty(), body("brand-new", "1.0.0"), alice).status()).isEqualTo(502);
        assertThat(f.registry.revision(name("brand-new"))).isEmpty();
        assertThat(api.put("lodash", Optional.empty(), body("lodash", "99.0.0"), alice).status()).isEqualTo(409);
    }

    @Test
    void withoutAnUpstreamNothingIsProxied() throws Exception {
        upstreamHas("left-pad", "\"e1\"", "1.3.0");
        NpmApi plain = new NpmApi(f.registry, f.accounts, f.noTrustedIssuers(), f.clock, Optional.empty());
        assertThat(plain.packument("left-pad", caller(JSON)).status()).isEqualTo(404);
        assertThat(plain.tarball("left-pad", "left-pad-1.3.0.tgz", caller("*/*")).status()).isEqualTo(404);
        assertThat(up.requests).isEmpty();
    }

    private static Bytes body(String name, String version) {
        return Bytes.of(Json.write(publishBody(name, version)));
    }
}
