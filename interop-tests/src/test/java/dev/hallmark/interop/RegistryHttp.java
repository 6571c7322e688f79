package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.registry.RegistryFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The two registry calls many interop tests start with, over plain HTTP: an account, and an npm-shaped publish. */
final class RegistryHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RegistryHttp() {
    }

    /** npm adduser's legacy PUT (creates the user with password {@code pw-secret}); answers the new token. */
    static String login(String registry, String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry + "/-/user/org.couchdb.user:" + user))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + user + "\",\"password\":\"pw-secret\","
                        + "\"email\":\"" + user + "@example.com\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    /** {@code npm publish} of a small generated package, as npm 11 sends it; asserts the 201. */
    static void publish(String registry, String token, String name, String version) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(registry + "/" + name.replace("/", "%2f")))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RegistryFixture.publishBody(name, version).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }
}
