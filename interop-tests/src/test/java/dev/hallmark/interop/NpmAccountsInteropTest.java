package dev.hallmark.interop;

import static dev.hallmark.interop.NpmRegistryInteropTest.ok;
import static dev.hallmark.interop.NpmRegistryInteropTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.interop.RunningRegistry.Storage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5 "Proven by", accounts: the stock npm 11 signs up, logs in (falling back from its default web flow to the
 * legacy one), names the user, logs out and manages tokens against a Hallmark, on SQLite and on PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Storage.class)
class NpmAccountsInteropTest {
    private static final Pattern CREATED = Pattern.compile("Created token (\\S+)");

    @TempDir
    static Path tmp;
    static Path dir;
    static NpmWorld world;
    @Parameter
    Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) throws Exception {
        dir = Files.createDirectories(tmp.resolve(storage.name()));
        world = NpmWorld.start(dir, storage);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        if (world != null) {
            world.close();
            world = null;
        }
    }

    @Test
    void addsUserLogsInNamesTheUserAndLogsOut() throws Exception {
        NpmCli carol = world.adduser("carol"); // asserts npm fell back from web login to the legacy PUT
        assertThat(ok(carol.npm(dir, "whoami")).stdout()).isEqualTo("carol");

        NpmCli impostor = world.anonymous();
        NpmCli.Result taken = impostor.interactive(dir, List.of(new NpmCli.Answer("Username:", "carol"),
                new NpmCli.Answer("Password:", "not-carols-password"), new NpmCli.Answer("Email", "x@example.com")),
                "adduser");
        assertThat(taken.exit()).as(taken.toString()).isNotZero();
        assertThat(taken.stdout()).contains("E401");
        assertThat(impostor.token()).isEmpty();

        NpmCli web = world.anonymous();
        int before = world.registry().requests().size();
        login(web, "carol", NpmWorld.password("carol"));
        world.assertWebLoginFellBackToLegacy(before, "carol");
        assertThat(ok(web.npm(dir, "whoami")).stdout()).isEqualTo("carol");

        NpmCli legacy = world.anonymous();
        before = world.registry().requests().size();
        login(legacy, "carol", NpmWorld.password("carol"), "--auth-type=legacy");
        assertThat(world.registry().requests().subList(before, world.registry().requests().size()))
                .noneMatch(l -> l.contains("/-/v1/login"));
        NpmCli wrong = world.anonymous();
        NpmCli.Result bad = wrong.interactive(dir, List.of(new NpmCli.Answer("Username:", "carol"),
                new NpmCli.Answer("Password:", "wrong-password")), "login", "--auth-type=legacy");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.stdout()).contains("E401");
        assertThat(wrong.token()).isEmpty();

        String token = legacy.token().orElseThrow();
        ok(legacy.npm(dir, "logout"));
        assertThat(legacy.token()).isEmpty();
        HttpResponse<String> revoked = world.registry().send("GET", "/-/whoami", null, Optional.of(token));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(RunningRegistry.json(revoked).get("error").isTextual()).isTrue();
        refused(legacy.npm(dir, "whoami"), "ENEEDAUTH");
        assertThat(ok(carol.npm(dir, "whoami")).stdout()).as("other sessions stay").isEqualTo("carol");
    }

    @Test
    void tokensAreCreatedListedAndRevoked() throws Exception {
        NpmCli dave = world.adduser("dave");
        String token = created(ok(dave.npm(dir, "token", "create", "--password", NpmWorld.password("dave"))));
        JsonNode listed = entry(dave, token);
        assertThat(listed.get("readonly").asBoolean()).isFalse();
        assertThat(ok(dave.npm(dir, "token", "list")).stdout()).doesNotContain("IP whitelist");

        NpmCli other = world.anonymous();
        other.useToken(Optional.of(token));
        assertThat(ok(other.npm(dir, "whoami")).stdout()).isEqualTo("dave");

        assertThat(ok(dave.npm(dir, "token", "revoke", listed.get("id").asText())).stdout()).isEqualTo("Removed 1 token");
        refused(other.npm(dir, "whoami"), "E401");
        assertThat(world.registry().send("GET", "/-/whoami", null, Optional.of(token)).statusCode()).isEqualTo(401);
        assertThat(tokens(dave)).noneMatch(t -> token.startsWith(t.get("token").asText()));

        refused(dave.npm(dir, "token", "create", "--password", "not-daves-password"), "E401");

        // a token bound to addresses: usable from them only (the tests reach the server from 127.0.0.1)
        String local = created(ok(dave.npm(dir, "token", "create", "--password", NpmWorld.password("dave"),
                "--cidr", "127.0.0.0/8")));
        String elsewhere = created(ok(dave.npm(dir, "token", "create", "--password", NpmWorld.password("dave"),
                "--cidr", "10.0.0.0/8")));
        assertThat(ok(dave.npm(dir, "token", "list")).stdout()).contains("with IP whitelist: 127.0.0.0/8");
        other.useToken(Optional.of(local));
        assertThat(ok(other.npm(dir, "whoami")).stdout()).isEqualTo("dave");
        other.useToken(Optional.of(elsewhere));
        refused(other.npm(dir, "whoami"), "E401");
    }

    @Test
    void aReadOnlyTokenReadsButCannotPublish() throws Exception {
        NpmCli erin = world.adduser("erin");
        // npm 11 sends read-only as packages_and_scopes_permission (its --read-only flag is not sent by token create)
        String token = created(ok(erin.npm(dir, "token", "create", "--password", NpmWorld.password("erin"),
                "--packages-and-scopes-permission", "read-only")));
        assertThat(entry(erin, token).get("readonly").asBoolean()).isTrue();
        NpmCli reader = world.anonymous();
        reader.useToken(Optional.of(token));
        assertThat(ok(reader.npm(dir, "whoami")).stdout()).isEqualTo("erin");

        Path src = world.pkg("erins-pkg", "1.0.0");
        assertThat(refused(reader.npm(src, "publish"), "E403").stderr()).contains("read-only");
        assertThat(world.packument("erins-pkg")).isEmpty();
        ok(erin.npm(src, "publish"));
        Path app = world.project();
        ok(reader.npm(app, "install", "erins-pkg"));
        assertThat(NpmWorld.installedVersion(app, "erins-pkg")).isEqualTo("1.0.0");
        refused(reader.npm(dir, "dist-tag", "add", "erins-pkg@1.0.0", "beta"), "E403");
        refused(reader.npm(dir, "deprecate", "erins-pkg@1.0.0", "nope"), "E403");
        refused(reader.npm(dir, "unpublish", "erins-pkg@1.0.0", "--force"), "E403");
        JsonNode after = world.packument("erins-pkg").orElseThrow();
        assertThat(after.get("dist-tags").properties()).hasSize(1);
        assertThat(after.at("/versions/1.0.0").has("deprecated")).isFalse();
    }

    private static void login(NpmCli cli, String username, String password, String... flags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("login"));
        args.addAll(List.of(flags));
        NpmCli.Result result = cli.interactive(dir, List.of(new NpmCli.Answer("Username:", username),
                new NpmCli.Answer("Password:", password)), args.toArray(String[]::new));
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Logged in on " + world.registry().url());
        assertThat(cli.token()).isPresent();
    }

    private static String created(NpmCli.Result result) {
        Matcher m = CREATED.matcher(result.stdout());
        assertThat(m.find()).as(result.toString()).isTrue();
        return m.group(1);
    }

    private static List<JsonNode> tokens(NpmCli cli) throws Exception {
        JsonNode list = NpmWorld.json(ok(cli.npm(dir, "token", "list", "--json")).stdout());
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    /** The listing's entry for a token: npm shows the first characters of each token. */
    private static JsonNode entry(NpmCli cli, String token) throws Exception {
        return tokens(cli).stream().filter(t -> token.startsWith(t.get("token").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("token not listed"));
    }
}
