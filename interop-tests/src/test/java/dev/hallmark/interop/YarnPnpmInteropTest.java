package dev.hallmark.interop;

import static dev.hallmark.interop.NpmRegistryInteropTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 "Proven by", other clients: yarn classic (1.x) and pnpm, pinned in {@code interop-tests/js} (installed by
 * ./run-tests), publish to and install from a Hallmark with npm's user config ({@code registry=} and the
 * {@code //host:port/:_authToken} that {@code npm adduser} saved). Storage is not what these prove, so SQLite only.
 */
class YarnPnpmInteropTest {
    @TempDir
    static Path dir;
    static NpmWorld world;
    static NpmCli alice;

    @BeforeAll
    static void start() throws Exception {
        world = NpmWorld.start(dir, RunningRegistry.Storage.SQLITE);
        alice = world.adduser("alice");
        ok(alice.npm(world.pkg("@alice/from-npm", "1.0.0"), "publish"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void yarnClassicPublishesAndInstalls() throws Exception {
        ok(yarn(alice, world.pkg("yarn-made", "1.0.0"), "publish", "--non-interactive", "--new-version", "1.0.0"));
        ok(yarn(alice, world.pkg("yarn-made", "2.0.0-beta.1"), "publish", "--non-interactive", "--new-version",
                "2.0.0-beta.1", "--tag", "beta"));
        JsonNode packument = world.packument("yarn-made").orElseThrow();
        assertThat(packument.at("/dist-tags/latest").asText()).isEqualTo("1.0.0");
        assertThat(packument.at("/dist-tags/beta").asText()).isEqualTo("2.0.0-beta.1");
        assertThat(packument.at("/versions/1.0.0/_npmUser/name").asText()).isEqualTo("alice");

        NpmCli.Result again = yarn(alice, world.pkg("yarn-made", "2.0.0-beta.1", "\"description\":\"other bytes\""),
                "publish", "--non-interactive", "--new-version", "2.0.0-beta.1", "--tag", "beta");
        assertThat(again.exit()).isNotZero();
        assertThat(again.all()).contains("You cannot publish over the previously published versions: 2.0.0-beta.1.");
        NpmCli.Result anonymous = yarn(world.anonymous(), world.pkg("yarn-anon", "1.0.0"), "publish",
                "--non-interactive", "--new-version", "1.0.0");
        assertThat(anonymous.exit()).as(anonymous.toString()).isNotZero();
        assertThat(world.packument("yarn-anon")).isEmpty();

        Path app = world.project();
        ok(yarn(world.anonymous(), app, "add", "yarn-made", "@alice/from-npm", "--non-interactive"));
        assertThat(NpmWorld.installedVersion(app, "yarn-made")).isEqualTo("1.0.0");
        assertThat(NpmWorld.installedVersion(app, "@alice/from-npm")).isEqualTo("1.0.0");
        String lock = Files.readString(app.resolve("yarn.lock"));
        assertThat(lock).contains("integrity " + integrity("yarn-made", "1.0.0"))
                .contains("integrity " + integrity("@alice/from-npm", "1.0.0"))
                .contains("resolved \"" + world.registry().url() + "yarn-made/-/yarn-made-1.0.0.tgz#");
    }

    @Test
    void pnpmPublishesAndInstalls() throws Exception {
        ok(pnpm(alice, world.pkg("pnpm-made", "1.0.0"), "publish", "--no-git-checks"));
        ok(pnpm(alice, world.pkg("pnpm-made", "1.1.0-rc.1"), "publish", "--no-git-checks", "--tag", "next"));
        assertThat(world.packument("pnpm-made").orElseThrow().get("dist-tags"))
                .isEqualTo(NpmWorld.json("{\"latest\":\"1.0.0\",\"next\":\"1.1.0-rc.1\"}"));
        // a prerelease is not checked on the client: the registry refuses the second one
        NpmCli.Result again = pnpm(alice, world.pkg("pnpm-made", "1.1.0-rc.1", "\"description\":\"other bytes\""),
                "publish", "--no-git-checks", "--tag", "next");
        assertThat(again.exit()).isNotZero();
        assertThat(again.all()).contains("403");
        NpmCli.Result anonymous = pnpm(world.anonymous(), world.pkg("pnpm-anon", "1.0.0"), "publish",
                "--no-git-checks");
        assertThat(anonymous.exit()).isNotZero();
        assertThat(world.packument("pnpm-anon")).isEmpty();

        Path app = world.project();
        ok(pnpm(world.anonymous(), app, "add", "pnpm-made", "@alice/from-npm"));
        assertThat(Files.readString(app.resolve("node_modules/pnpm-made/index.js"))).contains("pnpm-made@1.0.0");
        assertThat(NpmWorld.installedVersion(app, "@alice/from-npm")).isEqualTo("1.0.0");
        String lock = Files.readString(app.resolve("pnpm-lock.yaml"));
        assertThat(lock).contains("resolution: {integrity: " + integrity("pnpm-made", "1.0.0") + "}")
                .contains("resolution: {integrity: " + integrity("@alice/from-npm", "1.0.0") + "}");
    }

    private static String integrity(String name, String version) throws Exception {
        return world.packument(name).orElseThrow().at("/versions/" + version + "/dist/integrity").asText();
    }

    private static NpmCli.Result yarn(NpmCli user, Path cwd, String... args) throws Exception {
        return tool(user, cwd, "yarn/bin/yarn.js", args);
    }

    private static NpmCli.Result pnpm(NpmCli user, Path cwd, String... args) throws Exception {
        return tool(user, cwd, "pnpm/bin/pnpm.cjs", args);
    }

    /** Runs a client pinned in interop-tests/js with node, as the given npm user (same HOME, config and token). */
    private static NpmCli.Result tool(NpmCli user, Path cwd, String script, String... args) throws Exception {
        Path js = Path.of(System.getProperty("hallmark.js", "js")).toAbsolutePath().resolve("node_modules")
                .resolve(script);
        if (!Files.isRegularFile(js)) {
            throw new IllegalStateException(js + " is not installed: run ./run-tests (it runs npm ci in interop-tests/js)");
        }
        List<String> command = new ArrayList<>(List.of("node", js.toString()));
        command.addAll(List.of(args));
        return user.run(cwd, command);
    }
}
