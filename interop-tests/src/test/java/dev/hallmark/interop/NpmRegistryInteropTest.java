package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.interop.RunningRegistry.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5 "Proven by": the stock npm 11 on PATH publishes to, installs from and manages packages on a Hallmark, on
 * SQLite and on PostgreSQL. Users are made with {@code npm adduser}; each test uses its own package names.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Storage.class)
class NpmRegistryInteropTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static NpmWorld world;
    static NpmCli alice;
    static NpmCli bob;
    @Parameter
    Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) throws Exception {
        dir = Files.createDirectories(tmp.resolve(storage.name()));
        world = NpmWorld.start(dir, storage);
        alice = world.adduser("alice");
        bob = world.adduser("bob");
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        if (world != null) {
            world.close();
            world = null;
        }
    }

    @Test
    void publishesAPlainPackageThatNpmInstallsWithItsIntegrityAndViews() throws Exception {
        ok(alice.npm(world.pkg("plain-dep", "1.2.0"), "publish"));
        Path src = world.pkg("plain-pkg", "1.0.0", "\"description\":\"a plain package\",\"keywords\":[\"plain\"],"
                + "\"dependencies\":{\"plain-dep\":\"^1.0.0\"},\"bin\":{\"plain\":\"index.js\"}");
        NpmCli.Result pack = ok(alice.npm(src, "pack", "--json", "--dry-run"));
        JsonNode packed = NpmWorld.json(pack.stdout()).get(0);
        NpmCli.Result published = ok(alice.npm(src, "publish"));
        assertThat(published.stdout()).contains("+ plain-pkg@1.0.0");

        JsonNode version = world.packument("plain-pkg").orElseThrow().at("/versions/1.0.0");
        String tarball = world.registry().url() + "plain-pkg/-/plain-pkg-1.0.0.tgz";
        assertThat(version.at("/dist/integrity").asText()).isEqualTo(packed.get("integrity").asText());
        assertThat(version.at("/dist/shasum").asText()).isEqualTo(packed.get("shasum").asText());
        assertThat(version.at("/dist/tarball").asText()).isEqualTo(tarball);

        Path app = world.project();
        ok(bob.npm(app, "install", "plain-pkg"));
        assertThat(Files.readString(app.resolve("node_modules/plain-pkg/index.js"))).contains("plain-pkg@1.0.0");
        assertThat(NpmWorld.installedVersion(app, "plain-dep")).as("dependency resolved").isEqualTo("1.2.0");
        assertThat(app.resolve("node_modules/.bin/plain")).as("bin linked").exists();
        JsonNode locked = NpmWorld.json(Files.readString(app.resolve("package-lock.json")))
                .at("/packages/node_modules~1plain-pkg");
        assertThat(locked.get("integrity").asText()).isEqualTo(packed.get("integrity").asText());
        assertThat(locked.get("resolved").asText()).isEqualTo(tarball);

        // npm checks what it downloads: with another integrity in the lock file, npm ci refuses the served bytes
        // and names their real digest, which is the registry's dist.integrity
        ObjectNode lock = (ObjectNode) NpmWorld.json(Files.readString(app.resolve("package-lock.json")));
        ((ObjectNode) lock.at("/packages/node_modules~1plain-pkg")).put("integrity", "sha512-" + "A".repeat(86) + "==");
        Files.writeString(app.resolve("package-lock.json"), lock.toPrettyString());
        NpmCli.Result tampered = world.anonymous().npm(app, "ci", "--fetch-retries=0");
        assertThat(tampered.exit()).isNotZero();
        assertThat(tampered.all()).contains("EINTEGRITY").contains("but got " + packed.get("integrity").asText());

        JsonNode view = NpmWorld.json(ok(bob.npm(app, "view", "plain-pkg", "--json")).stdout());
        assertThat(view.get("name").asText()).isEqualTo("plain-pkg");
        assertThat(view.get("version").asText()).isEqualTo("1.0.0");
        assertThat(view.get("description").asText()).isEqualTo("a plain package");
        assertThat(view.at("/dist-tags/latest").asText()).isEqualTo("1.0.0");
        assertThat(view.get("versions")).hasSize(1);
        assertThat(view.get("maintainers").get(0).asText()).isEqualTo("alice <alice@example.com>");
        assertThat(view.get("_npmUser").asText()).isEqualTo("alice <alice@example.com>");
        assertThat(view.at("/time/1.0.0").asText()).isNotEmpty();
        assertThat(ok(bob.npm(app, "view", "plain-pkg@1.0.0", "description")).stdout()).isEqualTo("a plain package");
    }

    @Test
    void publishesScopedPackagesWithAndWithoutATag() throws Exception {
        ok(alice.npm(world.pkg("@alice/widget", "1.0.0"), "publish"));
        ok(alice.npm(world.pkg("@alice/widget", "2.0.0-beta.1"), "publish", "--tag", "next"));
        NpmCli.Result tags = ok(bob.npm(dir, "view", "@alice/widget", "dist-tags", "--json"));
        assertThat(NpmWorld.json(tags.stdout())).isEqualTo(NpmWorld.json("{\"latest\":\"1.0.0\",\"next\":\"2.0.0-beta.1\"}"));
        assertThat(world.packument("@alice/widget").orElseThrow().at("/versions/1.0.0/dist/tarball").asText())
                .isEqualTo(world.registry().url() + "@alice/widget/-/widget-1.0.0.tgz");

        Path latest = world.project();
        ok(bob.npm(latest, "install", "@alice/widget"));
        assertThat(NpmWorld.installedVersion(latest, "@alice/widget")).isEqualTo("1.0.0");
        Path next = world.project();
        ok(bob.npm(next, "install", "@alice/widget@next"));
        assertThat(NpmWorld.installedVersion(next, "@alice/widget")).isEqualTo("2.0.0-beta.1");

        // a user's scope is the user's; another scope belongs to whoever publishes in it first
        refused(bob.npm(world.pkg("@alice/intruder", "1.0.0"), "publish"), "E403");
        ok(alice.npm(world.pkg("@acme/tool", "1.0.0"), "publish", "--access", "public"));
        refused(bob.npm(world.pkg("@acme/other", "1.0.0"), "publish", "--access", "public"), "E403");
        assertThat(world.packument("@alice/intruder")).isEmpty();
        assertThat(world.packument("@acme/other")).isEmpty();
    }

    /** The management commands reach scoped names too ({@code /-/package/@scope%2fname/…}, {@code /@scope%2fname}). */
    @Test
    void scopedPackagesAreTaggedDeprecatedAndUnpublished() throws Exception {
        ok(alice.npm(world.pkg("@alice/managed", "1.0.0"), "publish"));
        ok(alice.npm(world.pkg("@alice/managed", "1.1.0"), "publish"));
        ok(alice.npm(world.pkg("@alice/managed", "2.0.0-rc.1"), "publish", "--tag", "next"));
        ok(alice.npm(dir, "dist-tag", "add", "@alice/managed@1.0.0", "stable"));
        assertThat(ok(bob.npm(dir, "dist-tag", "ls", "@alice/managed")).stdout())
                .isEqualTo("latest: 1.1.0\nnext: 2.0.0-rc.1\nstable: 1.0.0");
        ok(alice.npm(dir, "deprecate", "@alice/managed@<2", "the 1.x line is over"));
        assertThat(ok(alice.npm(dir, "unpublish", "@alice/managed@2.0.0-rc.1")).stdout())
                .isEqualTo("- @alice/managed@2.0.0-rc.1");
        assertThat(ok(bob.npm(dir, "owner", "ls", "@alice/managed")).stdout()).isEqualTo("alice <alice@example.com>");

        JsonNode packument = world.packument("@alice/managed").orElseThrow();
        assertThat(packument.get("dist-tags")).isEqualTo(NpmWorld.json("{\"latest\":\"1.1.0\",\"stable\":\"1.0.0\"}"));
        assertThat(packument.at("/versions/1.0.0/deprecated").asText()).isEqualTo("the 1.x line is over");
        assertThat(packument.at("/versions/1.1.0/deprecated").asText()).isEqualTo("the 1.x line is over");
        assertThat(packument.get("versions").has("2.0.0-rc.1")).isFalse();
        ok(alice.npm(dir, "dist-tag", "rm", "@alice/managed", "stable"));
        assertThat(ok(bob.npm(dir, "dist-tag", "ls", "@alice/managed")).stdout()).isEqualTo("latest: 1.1.0");
    }

    @Test
    void distTagsAreAddedListedAndRemoved() throws Exception {
        ok(alice.npm(world.pkg("tagged-pkg", "1.0.0"), "publish"));
        ok(alice.npm(world.pkg("tagged-pkg", "1.1.0"), "publish"));
        assertThat(ok(alice.npm(dir, "dist-tag", "add", "tagged-pkg@1.0.0", "stable")).stdout())
                .isEqualTo("+stable: tagged-pkg@1.0.0");
        assertThat(ok(bob.npm(dir, "dist-tag", "ls", "tagged-pkg")).stdout()).isEqualTo("latest: 1.1.0\nstable: 1.0.0");
        Path app = world.project();
        ok(bob.npm(app, "install", "tagged-pkg@stable"));
        assertThat(NpmWorld.installedVersion(app, "tagged-pkg")).isEqualTo("1.0.0");

        refused(bob.npm(dir, "dist-tag", "add", "tagged-pkg@1.1.0", "mine"), "E403");
        refused(alice.npm(dir, "dist-tag", "add", "tagged-pkg@9.9.9", "future"), "E404");
        refused(alice.npm(dir, "dist-tag", "rm", "tagged-pkg", "latest"), "E400");
        ok(alice.npm(dir, "dist-tag", "rm", "tagged-pkg", "stable"));
        assertThat(ok(bob.npm(dir, "dist-tag", "ls", "tagged-pkg")).stdout()).isEqualTo("latest: 1.1.0");
    }

    @Test
    void deprecationShowsInViewAndWarnsOnInstallUntilLifted() throws Exception {
        ok(alice.npm(world.pkg("old-pkg", "1.0.0"), "publish"));
        refused(bob.npm(dir, "deprecate", "old-pkg@1.0.0", "not mine to deprecate"), "E403");
        ok(alice.npm(dir, "deprecate", "old-pkg@1.0.0", "use new-pkg instead"));
        assertThat(ok(bob.npm(dir, "view", "old-pkg@1.0.0", "deprecated")).stdout()).isEqualTo("use new-pkg instead");
        NpmCli.Result install = ok(bob.npm(world.project(), "install", "old-pkg"));
        assertThat(install.stderr()).contains("npm warn deprecated old-pkg@1.0.0: use new-pkg instead");

        ok(alice.npm(dir, "deprecate", "old-pkg@1.0.0", ""));
        assertThat(world.packument("old-pkg").orElseThrow().at("/versions/1.0.0").has("deprecated")).isFalse();
        // bob's cache holds the deprecated packument: the ETag revalidation must hand npm the new one
        NpmCli.Result again = ok(bob.npm(world.project(), "install", "old-pkg"));
        assertThat(again.stderr()).doesNotContain("deprecated");
    }

    @Test
    void ownersAreListedAddedAndRemovedAndOnlyOwnersPublish() throws Exception {
        ok(alice.npm(world.pkg("owned-pkg", "1.0.0"), "publish"));
        assertThat(ok(bob.npm(dir, "owner", "ls", "owned-pkg")).stdout()).isEqualTo("alice <alice@example.com>");
        refused(bob.npm(world.pkg("owned-pkg", "1.1.0"), "publish"), "E403");

        assertThat(ok(alice.npm(dir, "owner", "add", "bob", "owned-pkg")).stdout()).contains("+ bob (owned-pkg)");
        assertThat(ok(alice.npm(dir, "owner", "ls", "owned-pkg")).stdout())
                .isEqualTo("alice <alice@example.com>\nbob <bob@example.com>");
        ok(bob.npm(world.pkg("owned-pkg", "1.1.0"), "publish"));
        assertThat(world.packument("owned-pkg").orElseThrow().at("/versions/1.1.0/_npmUser/name").asText())
                .isEqualTo("bob");

        refused(alice.npm(dir, "owner", "add", "nobody-by-this-name", "owned-pkg"), "");
        assertThat(ok(alice.npm(dir, "owner", "rm", "bob", "owned-pkg")).stdout()).contains("- bob (owned-pkg)");
        assertThat(ok(bob.npm(dir, "owner", "ls", "owned-pkg")).stdout()).isEqualTo("alice <alice@example.com>");
        refused(bob.npm(world.pkg("owned-pkg", "1.2.0"), "publish"), "E403");
        assertThat(refused(bob.npm(dir, "owner", "add", "bob", "owned-pkg"), "EOWNERMUTATE").stderr())
                .contains("403 Forbidden");
        assertThat(world.packument("owned-pkg").orElseThrow().get("versions").properties()).hasSize(2);
    }

    @Test
    void unpublishFollowsNpmRulesAndAVersionIsNeverReused() throws Exception {
        ok(alice.npm(world.pkg("gone-pkg", "1.0.0"), "publish"));
        ok(alice.npm(world.pkg("gone-pkg", "1.1.0"), "publish"));
        refused(bob.npm(dir, "unpublish", "gone-pkg@1.1.0"), "E403");

        assertThat(ok(alice.npm(dir, "unpublish", "gone-pkg@1.1.0")).stdout()).isEqualTo("- gone-pkg@1.1.0");
        JsonNode view = NpmWorld.json(ok(bob.npm(dir, "view", "gone-pkg", "versions", "dist-tags", "--json")).stdout());
        assertThat(view.get("versions")).containsExactly(NpmWorld.json("\"1.0.0\""));
        assertThat(view.at("/dist-tags/latest").asText()).isEqualTo("1.0.0");
        assertThat(world.registry().get("/gone-pkg/-/gone-pkg-1.1.0.tgz").statusCode()).isEqualTo(404);

        // the number 1.1.0 stays taken: npm does not know it any more, so the registry itself refuses
        Path again = world.pkg("gone-pkg", "1.1.0", "\"description\":\"different bytes\"");
        assertThat(refused(alice.npm(again, "publish"), "E403").stderr())
                .contains("You cannot publish over the previously published versions: 1.1.0.");
        refused(alice.npm(again, "publish", "--force"), "E403");

        // the whole package: npm wants --force, then the name is gone and blocked for a new publish
        refused(alice.npm(dir, "unpublish", "gone-pkg"), "");
        assertThat(world.packument("gone-pkg")).isPresent();
        ok(alice.npm(dir, "unpublish", "gone-pkg", "--force"));
        assertThat(world.packument("gone-pkg")).isEmpty();
        refused(bob.npm(dir, "view", "gone-pkg"), "E404");
        refused(bob.npm(world.project(), "install", "gone-pkg"), "E404");
        refused(alice.npm(world.pkg("gone-pkg", "2.0.0"), "publish"), "E403");
        assertThat(world.packument("gone-pkg")).isEmpty();
    }

    @Test
    void republishingAVersionIsRefusedByNpmAndByTheRegistry() throws Exception {
        ok(alice.npm(world.pkg("same-pkg", "1.0.0"), "publish"));
        String integrity = world.packument("same-pkg").orElseThrow().at("/versions/1.0.0/dist/integrity").asText();
        Path changed = world.pkg("same-pkg", "1.0.0", "\"description\":\"other bytes, same number\"");
        assertThat(refused(alice.npm(changed, "publish"), "").stderr())
                .contains("You cannot publish over the previously published versions: 1.0.0");
        assertThat(refused(alice.npm(changed, "publish", "--force"), "E403").stderr())
                .contains("403 Forbidden - PUT " + world.registry().url() + "same-pkg");
        // npm does not check prereleases on the client: only the registry stands between them
        ok(alice.npm(world.pkg("same-pkg", "1.0.1-rc.1"), "publish", "--tag", "next"));
        String rc = world.packument("same-pkg").orElseThrow().at("/versions/1.0.1-rc.1/dist/integrity").asText();
        refused(alice.npm(world.pkg("same-pkg", "1.0.1-rc.1", "\"description\":\"x\""), "publish", "--tag", "next"),
                "E403");
        JsonNode after = world.packument("same-pkg").orElseThrow();
        assertThat(after.at("/versions/1.0.0/dist/integrity").asText()).isEqualTo(integrity);
        assertThat(after.at("/versions/1.0.1-rc.1/dist/integrity").asText()).isEqualTo(rc);
    }

    @Test
    void searchFindsPackagesAndPingAnswers() throws Exception {
        ok(alice.npm(world.pkg("findable-thing", "1.2.3", "\"description\":\"a very findable package\","
                + "\"keywords\":[\"needle\"]"), "publish"));
        assertThat(ok(bob.npm(dir, "search", "findable")).stdout()).contains("findable-thing")
                .contains("a very findable package");
        JsonNode found = NpmWorld.json(ok(bob.npm(dir, "search", "--json", "findable-thing")).stdout());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("name").asText()).isEqualTo("findable-thing");
        assertThat(found.get(0).get("version").asText()).isEqualTo("1.2.3");
        assertThat(found.get(0).get("description").asText()).isEqualTo("a very findable package");
        assertThat(NpmWorld.json(ok(bob.npm(dir, "search", "--json", "no-such-words-anywhere")).stdout())).isEmpty();

        NpmCli.Result ping = ok(world.anonymous().npm(dir, "ping"));
        assertThat(ping.stderr()).contains("PING " + world.registry().url()).contains("PONG");
    }

    @Test
    void publishWithoutAValidTokenIsRefused() throws Exception {
        Path src = world.pkg("anon-pkg", "1.0.0");
        refused(world.anonymous().npm(src, "publish"), "ENEEDAUTH");
        NpmCli forged = world.anonymous();
        forged.useToken(java.util.Optional.of("hm_not-a-token-this-registry-issued"));
        refused(forged.npm(src, "publish"), "E401");
        assertThat(world.packument("anon-pkg")).isEmpty();
    }

    static NpmCli.Result ok(NpmCli.Result result) {
        assertThat(result.exit()).as(result.toString()).isZero();
        return result;
    }

    /** A failed command; with a code, npm printed {@code npm error code <code>}. */
    static NpmCli.Result refused(NpmCli.Result result, String code) {
        assertThat(result.exit()).as(result.toString()).isNotZero();
        if (!code.isEmpty()) {
            assertThat(result.all()).as(result.toString()).contains("npm error code " + code);
        }
        return result;
    }
}
