package dev.hallmark.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigException;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** registry.upstream as {@code hallmark serve} wires it: the token file, read at start-up, reaches only the upstream. */
class UpstreamWiringTest {
    static final ConfigOverrides LOCAL = new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
            Optional.empty(), false);

    @TempDir
    Path dir;
    HttpServer upstream;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            try (exchange) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(404, -1);
            }
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private void configure(String tokenFile) throws Exception {
        Files.writeString(dir.resolve("hallmark.yaml"), "registry:\n  upstream:\n    url: http://127.0.0.1:"
                + upstream.getAddress().getPort() + "\n    tokenFile: " + tokenFile + "\n");
    }

    @Test
    void anUnreadableTokenFileStopsTheStartNamingTheKey() throws Exception {
        configure("missing.token");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> HallmarkServer.builder(dir).overrides(LOCAL).accessLog(l -> { }).start());
        assertThat(e.problems()).singleElement().asString().startsWith("registry.upstream.tokenFile ")
                .endsWith("missing.token cannot be read");
        Files.writeString(dir.resolve("two.token"), "one two\n");
        configure("two.token");
        ConfigException two = catchThrowableOfType(ConfigException.class,
                () -> HallmarkServer.builder(dir).overrides(LOCAL).accessLog(l -> { }).start());
        assertThat(two.getMessage()).contains("registry.upstream.tokenFile").doesNotContain("one two");
    }

    @Test
    void theTokenGoesToTheUpstreamAndNowhereElse() throws Exception {
        Files.writeString(dir.resolve("upstream.token"), "npm_S3cretUpstreamToken\n");
        configure("upstream.token");
        List<String> accessLog = new CopyOnWriteArrayList<>();
        try (HallmarkServer server = HallmarkServer.builder(dir).overrides(LOCAL).accessLog(accessLog::add).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/@acme%2fmissing")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("S3cret");
        }
        assertThat(authorizations).containsExactly("Bearer npm_S3cretUpstreamToken");
        assertThat(accessLog).isNotEmpty().noneMatch(line -> line.contains("S3cret"));
        assertThat(Files.readString(dir.resolve("hallmark.yaml"))).doesNotContain("S3cret");
    }
}
