package dev.hallmark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.ca.oidc.IssuerConfig.IssuerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCodecTest {
    @TempDir
    Path dir;

    static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static HallmarkConfig everythingSet() {
        return new HallmarkConfig(new ServerConfig("0.0.0.0", 9443, Optional.of("https://hallmark.example")),
                new ServiceConfig(Optional.of("https://registry.example")), ServiceConfig.DEFAULT,
                new ServiceConfig(Optional.of("https://ct.example/ct")), new ServiceConfig(Optional.of("https://log.example")),
                ServiceConfig.DEFAULT, new ServiceConfig(Optional.of("https://tuf.example/")),
                new StorageConfig("jdbc:postgresql://127.0.0.1:5432/hallmark"), new LimitsConfig(123_456, 4096, 7),
                new OidcConfig(List.of(OidcIssuerConfig.exact(IssuerType.GITHUB_WORKFLOW,
                        "https://token.actions.githubusercontent.com", "sigstore"))),
                new WitnessConfig(Optional.of("witnesses.policy"), true, 2500),
                new RegistryConfig(false, false, 1000, 1, new RegistryConfig.Provenance(List.of("@acme/*"),
                        List.of("https://token.actions.githubusercontent.com"), true, true,
                        List.of("trust/public-good.json"))), true);
    }

    @Test
    void defaultsRoundTrip() throws Exception {
        assertThat(ConfigCodec.read(ConfigCodec.write(HallmarkConfig.defaults()))).isEqualTo(HallmarkConfig.defaults());
    }

    @Test
    void everySettingRoundTrips() throws Exception {
        HallmarkConfig config = everythingSet();
        assertThat(ConfigCodec.read(ConfigCodec.write(config))).isEqualTo(config);
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        assertThat(ConfigCodec.read(new byte[0])).isEqualTo(HallmarkConfig.defaults());
        assertThat(ConfigCodec.read(yaml("server:\n  port: 9000\n")).server().port()).isEqualTo(9000);
    }

    @Test
    void writtenDefaultsAreLimitsOfTheBrief() {
        LimitsConfig limits = HallmarkConfig.defaults().limits();
        assertThat(limits.maxRequestBodyBytes()).isEqualTo(10L * 1024 * 1024);
        String text = new String(ConfigCodec.write(HallmarkConfig.defaults()), StandardCharsets.UTF_8);
        assertThat(text).contains("maxRequestBodyBytes: 10485760").contains("databaseUrl: jdbc:sqlite:hallmark.db");
    }

    @Test
    void allProblemsAreReportedTogether() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigCodec.read(yaml("""
                server:
                  port: 70000
                  hots: typo
                log:
                  baseUrl: ftp://example.com/log
                storage:
                  databaseUrl: jdbc:mysql://db
                limits:
                  maxRequestBodyBytes: "ten"
                oidc:
                  issuers:
                    - type: facebook
                      url: http://issuer.example
                dev: maybe
                """)));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "server.hots is not a known setting",
                "limits.maxRequestBodyBytes must be an integer",
                "oidc.issuers[0].type must be one of github-workflow, gitlab-pipeline, email, uri, ci-provider",
                "oidc.issuers[0].audience is required",
                "dev must be true or false",
                "server.port must be 0..65535 (0 picks a free port)",
                "log.baseUrl must be an absolute http(s) URL without query, fragment or user info",
                "storage.databaseUrl must be a jdbc:sqlite: or jdbc:postgresql: URL");
        assertThat(e.getMessage()).startsWith("hallmark.yaml: ").doesNotContain("\n");
    }

    @Test
    void issuersMustUseHttpsExceptOnLoopbackAndBeListedOnce() {
        HallmarkConfig d = HallmarkConfig.defaults();
        var gh = IssuerType.GITHUB_WORKFLOW;
        HallmarkConfig config = new HallmarkConfig(d.server(), d.registry(), d.ca(), d.ct(), d.log(), d.tsa(), d.tuf(),
                d.storage(), d.limits(), new OidcConfig(List.of(
                        OidcIssuerConfig.exact(gh, "http://issuer.example", "a"),
                        OidcIssuerConfig.exact(gh, "http://127.0.0.1:9000/oidc", "a"),
                        OidcIssuerConfig.exact(gh, "http://127.0.0.1:9000/oidc", " "))), WitnessConfig.DEFAULT,
                RegistryConfig.DEFAULT, false);
        assertThat(ConfigCodec.validate(config)).containsExactly(
                "oidc.issuers[0].url must use https (http only for a loopback issuer)",
                "oidc.issuers[2].url is listed twice",
                "oidc.issuers[2].audience must not be empty");
    }

    @Test
    void overridesTakePrecedenceAndAreValidatedWithTheFile() throws Exception {
        ConfigOverrides flags = new ConfigOverrides(Optional.of("::1"), Optional.of(0), Optional.of("https://h.example/"),
                Optional.of("jdbc:postgresql://127.0.0.1/x"), true);
        HallmarkConfig config = ConfigCodec.read(yaml("server:\n  port: 1234\n"), flags);
        assertThat(config.server()).isEqualTo(new ServerConfig("::1", 0, Optional.of("https://h.example/")));
        assertThat(config.storage().isPostgresql()).isTrue();
        assertThat(config.dev()).isTrue();

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigCodec.read(yaml("limits:\n  maxRequestHeaderBytes: 10\n"),
                new ConfigOverrides(Optional.empty(), Optional.of(-1), Optional.empty(), Optional.empty(), false)));
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void publicUrlsDeriveFromHostBoundPortAndPrefixes() {
        PublicUrls urls = HallmarkConfig.defaults().publicUrls(43123);
        assertThat(urls.server()).isEqualTo(URI.create("http://127.0.0.1:43123"));
        assertThat(urls.registry()).isEqualTo(URI.create("http://127.0.0.1:43123"));
        assertThat(urls.ca()).isEqualTo(URI.create("http://127.0.0.1:43123/ca"));
        assertThat(urls.ct()).isEqualTo(URI.create("http://127.0.0.1:43123/ct"));
        assertThat(urls.log()).isEqualTo(URI.create("http://127.0.0.1:43123/log"));
        assertThat(urls.tsa()).isEqualTo(URI.create("http://127.0.0.1:43123/tsa"));
        assertThat(urls.tuf()).isEqualTo(URI.create("http://127.0.0.1:43123/tuf"));

        PublicUrls set = everythingSet().publicUrls(1);
        assertThat(set.server()).isEqualTo(URI.create("https://hallmark.example"));
        assertThat(set.ca()).isEqualTo(URI.create("https://hallmark.example/ca"));
        assertThat(set.log()).isEqualTo(URI.create("https://log.example"));
        assertThat(set.tuf()).isEqualTo(URI.create("https://tuf.example"));
    }

    @Test
    void relativeSqlitePathsLiveInTheDataDirectory() {
        assertThat(StorageConfig.DEFAULT.jdbcUrl(dir)).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("hallmark.db"));
        assertThat(new StorageConfig("jdbc:sqlite:/var/db/h.db").jdbcUrl(dir)).isEqualTo("jdbc:sqlite:/var/db/h.db");
        assertThat(new StorageConfig("jdbc:postgresql://h/db").jdbcUrl(dir)).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void malformedYamlIsOneProblemWithItsLocation() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigCodec.read(yaml("server:\n  port: [1,\n")));
        assertThat(e.problems()).singleElement().asString().startsWith("not valid YAML at line");
        assertThatThrownBy(() -> ConfigCodec.read(yaml("server:\n  port: 1\nserver:\n  port: 2\n"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ConfigCodec.read(yaml("- a\n- b\n"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void firstStartWritesDefaultsAndLaterStartsReadTheFile() throws Exception {
        HallmarkConfig first = ConfigFile.loadOrCreate(dir, ConfigOverrides.NONE);
        assertThat(first).isEqualTo(HallmarkConfig.defaults());
        assertThat(dir.resolve("hallmark.yaml")).hasBinaryContent(ConfigCodec.write(HallmarkConfig.defaults()));

        Files.writeString(dir.resolve("hallmark.yaml"), "server:\n  port: 9999\n");
        ConfigOverrides port = new ConfigOverrides(Optional.empty(), Optional.of(0), Optional.empty(), Optional.empty(), false);
        assertThat(ConfigFile.loadOrCreate(dir, ConfigOverrides.NONE).server().port()).isEqualTo(9999);
        assertThat(ConfigFile.loadOrCreate(dir, port).server().port()).isZero();
        assertThat(Files.readString(dir.resolve("hallmark.yaml"))).isEqualTo("server:\n  port: 9999\n");
    }
}
