package dev.hallmark.registry.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.pkg.PackageName;
import dev.hallmark.registry.upstream.FakeUpstream.Reply;
import dev.hallmark.registry.upstream.UpstreamException.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upstream client on its own: where it sends requests, what it sends, and what it refuses to do. */
class UpstreamTest {
    FakeUpstream up;
    FakeUpstream elsewhere;
    Upstream client;

    @BeforeEach
    void start() throws Exception {
        up = new FakeUpstream();
        elsewhere = new FakeUpstream();
        client = new Upstream(new UpstreamOptions(up.url(), Duration.ofSeconds(10), 4096, 4096,
                Optional.of(UpstreamToken.of("s3cr3t-token\n")), Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        client.close();
        up.close();
        elsewhere.close();
    }

    static ObjectNode doc() {
        ObjectNode doc = Json.object();
        doc.put("name", "@acme/widget");
        return doc;
    }

    @Test
    void asksForTheFullDocumentUnderTheBaseWithTheNameEscapedAndTheToken() throws Exception {
        up.reply("/@acme%2fwidget", Reply.json(doc(), "\"v1\""));
        var answer = client.packument(PackageName.parse("@acme/widget"), Optional.empty());
        assertThat(answer).isInstanceOfSatisfying(Upstream.Fetched.class, f -> {
            assertThat(f.etag()).contains("\"v1\"");
            assertThat(f.body().toArray()).isEqualTo(Json.write(doc()));
        });
        assertThat(up.requests).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.rawPath()).isEqualTo("/@acme%2fwidget");
            assertThat(s.accept()).contains("application/json");
            assertThat(s.authorization()).contains("Bearer s3cr3t-token");
        });
        assertThat(client.packument(PackageName.parse("@acme/widget"), Optional.of("\"v1\"")))
                .isInstanceOf(Upstream.NotModified.class);
        assertThat(client.packument(PackageName.parse("nothing"), Optional.empty())).isInstanceOf(Upstream.Missing.class);
    }

    @Test
    void aBasePathIsKept() throws Exception {
        try (Upstream mirror = new Upstream(UpstreamOptions.defaults(URI.create(up.url() + "/npm/")))) {
            up.reply("/npm/left-pad", Reply.json(doc(), "\"v1\""));
            assertThat(mirror.packument(PackageName.parse("left-pad"), Optional.empty()))
                    .isInstanceOf(Upstream.Fetched.class);
            assertThat(Upstream.isUnder(mirror.options().url(), URI.create(up.url() + "/npm/left-pad/-/a.tgz")))
                    .isTrue();
            assertThat(Upstream.isUnder(mirror.options().url(), URI.create(up.url() + "/npmx/a.tgz"))).isFalse();
        }
    }

    @Test
    void theTokenNeverPrints() {
        UpstreamToken token = UpstreamToken.of("s3cr3t-token");
        assertThat(token.toString()).doesNotContain("s3cr3t");
        assertThat(client.options().toString()).doesNotContain("s3cr3t");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> UpstreamToken.of("a\r\nX-Evil: 1")))
                .isNotNull();
    }

    @Test
    void redirectsAreFollowedOnlyUnderTheBase() throws Exception {
        up.reply("/moved", Reply.status(301).withHeader("Location", "/left-pad"));
        up.reply("/left-pad", Reply.json(doc(), "\"v1\""));
        up.reply("/away", Reply.status(302).withHeader("Location", elsewhere.url() + "/left-pad"));
        elsewhere.reply("/left-pad", Reply.json(doc(), "\"v1\""));
        URI base = up.url();
        assertThat(client.tarball(URI.create(base + "/moved"))).isPresent();
        assertThat(catchThrowableOfType(UpstreamException.class, () -> client.tarball(URI.create(base + "/away")))
                .reason()).isEqualTo(Reason.BAD_STATUS);
        assertThat(catchThrowableOfType(UpstreamException.class,
                () -> client.tarball(URI.create(elsewhere.url() + "/left-pad"))).reason()).isEqualTo(Reason.BAD_STATUS);
        assertThat(elsewhere.requests).isEmpty();
    }

    @Test
    void onlyUrlsUnderTheBaseCount() {
        URI base = URI.create("https://registry.example/npm");
        assertThat(Upstream.isUnder(base, URI.create("https://registry.example/npm/a/-/a-1.0.0.tgz"))).isTrue();
        assertThat(Upstream.isUnder(base, URI.create("https://REGISTRY.example:443/npm/a/-/a-1.0.0.tgz"))).isTrue();
        for (String outside : new String[] {"http://registry.example/npm/a.tgz", "https://registry.example:8443/npm/a",
                "https://other.example/npm/a", "https://user@registry.example/npm/a", "https://registry.example/npm",
                "https://registry.example/npm/a?x=1", "https://registry.example/npm/../admin",
                "https://registry.example/npm/%2e%2e/admin", "https://registry.example/npm/./a", "/npm/a"}) {
            assertThat(Upstream.isUnder(base, URI.create(outside))).as(outside).isFalse();
        }
    }

    @Test
    void aSlowUpstreamTimesOut() throws Exception {
        try (Upstream impatient = new Upstream(new UpstreamOptions(up.url(), Duration.ofMillis(300), 4096, 4096,
                Optional.empty(), Duration.ZERO))) {
            up.reply("/slow", Reply.json(doc(), "\"v\"").delayed(5_000));
            assertThat(catchThrowableOfType(UpstreamException.class,
                    () -> impatient.packument(PackageName.parse("slow"), Optional.empty())).reason())
                    .isEqualTo(Reason.TIMEOUT);
        }
    }

    @Test
    void unexpectedAnswersAreBadStatus() throws Exception {
        up.reply("/broken", Reply.status(500));
        assertThat(catchThrowableOfType(UpstreamException.class,
                () -> client.packument(PackageName.parse("broken"), Optional.empty())).reason())
                .isEqualTo(Reason.BAD_STATUS);
        up.reply("/unconditional", Reply.status(304));
        assertThat(catchThrowableOfType(UpstreamException.class,
                () -> client.packument(PackageName.parse("unconditional"), Optional.empty())).reason())
                .isEqualTo(Reason.BAD_STATUS);
        up.reply("/loop", Reply.status(302).withHeader("Location", "/loop"));
        assertThat(catchThrowableOfType(UpstreamException.class,
                () -> client.tarball(URI.create(up.url() + "/loop"))).reason()).isEqualTo(Reason.BAD_STATUS);
        assertThat(up.count("/loop")).isEqualTo(4);
    }

    @Test
    void optionsRefuseUrlsThatAreNotPlainHttp() {
        for (String bad : new String[] {"ftp://registry.example", "https://user:pw@registry.example",
                "https://registry.example/?q=1", "https://registry.example/#f", "file:///etc/passwd", "registry"}) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> UpstreamOptions.defaults(URI.create(bad)))).as(bad).isNotNull();
        }
        assertThat(UpstreamOptions.defaults(URI.create("https://registry.example/npm//")).url())
                .isEqualTo(URI.create("https://registry.example/npm"));
    }
}
