package dev.hallmark.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.cli.CliException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmConfigTest {
    @TempDir
    Path dir;

    @Test
    void projectSettingsOverrideTheUsersAndTokensExpandFromTheEnvironment() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".npmrc"), "registry=https://user.example/\n//npm.acme.test/:_authToken=user-token\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve(".npmrc"), "; setup-node writes this\n"
                + "@acme:registry=https://npm.acme.test/\n//npm.acme.test/:_authToken=${NODE_AUTH_TOKEN}\n");

        NpmConfig config = NpmConfig.load(project, Map.of("HOME", home.toString(), "NODE_AUTH_TOKEN", "from-ci"));

        assertThat(config.registryFor("@acme/widget", Optional.empty())).isEqualTo(URI.create("https://npm.acme.test/"));
        assertThat(config.registryFor("widget", Optional.empty())).isEqualTo(URI.create("https://user.example/"));
        assertThat(config.registryFor("@acme/widget", Optional.of("http://127.0.0.1:8080")))
                .isEqualTo(URI.create("http://127.0.0.1:8080/"));
        assertThat(config.tokenFor(URI.create("https://npm.acme.test/"))).contains("from-ci");
        assertThat(config.tokenFor(URI.create("https://user.example/"))).isEmpty();
        assertThat(config.toString()).doesNotContain("from-ci");
    }

    @Test
    void theTokenOfTheLongestMatchingPathPrefixIsUsed() throws Exception {
        Path rc = Files.writeString(dir.resolve("user.npmrc"), "//host.test:8443/:_authToken=root\n"
                + "//host.test:8443/npm/private/:_authToken=private\n");
        NpmConfig config = NpmConfig.load(dir, Map.of("npm_config_userconfig", rc.toString()));

        assertThat(config.tokenFor(URI.create("https://host.test:8443/npm/private/"))).contains("private");
        assertThat(config.tokenFor(URI.create("https://host.test:8443/npm/public/"))).contains("root");
        assertThat(config.tokenFor(URI.create("https://host.test/"))).isEmpty();
    }

    @Test
    void theEnvironmentsRegistryWinsOverFilesAndNpmsDefaultComesLast() throws Exception {
        Files.writeString(dir.resolve(".npmrc"), "registry=https://file.example/\n");
        assertThat(NpmConfig.load(dir, Map.of("npm_config_registry", "https://env.example")).registryFor("w", Optional.empty()))
                .isEqualTo(URI.create("https://env.example/"));
        assertThat(NpmConfig.load(dir.resolve("nowhere"), Map.of()).registryFor("w", Optional.empty()))
                .isEqualTo(NpmConfig.NPM_DEFAULT_REGISTRY);
    }

    @Test
    void anUnsetVariableOrABadRegistryIsAUsageError() throws Exception {
        Files.writeString(dir.resolve(".npmrc"), "//h/:_authToken=${NPM_TOKEN}\n");
        assertThatThrownBy(() -> NpmConfig.load(dir, Map.of())).isInstanceOf(CliException.class)
                .hasMessage("Failed to replace env in config: ${NPM_TOKEN}");
        NpmConfig empty = NpmConfig.load(dir.resolve("nowhere"), Map.of());
        assertThatThrownBy(() -> empty.registryFor("w", Optional.of("file:///etc/passwd"))).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> empty.registryFor("w", Optional.of("https://h.example/?x=1"))).isInstanceOf(CliException.class);
    }
}
