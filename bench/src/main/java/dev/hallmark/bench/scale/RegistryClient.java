package dev.hallmark.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The npm calls the scale and soak runs make on a registry at {@code url}: sign-up for a token, publish, and the GETs
 * they measure.
 */
public final class RegistryClient {
    static final String ABBREVIATED = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    final HttpClient client;
    /** The registry's base URL, without a trailing slash. */
    final String url;

    public RegistryClient(HttpClient client, String url) {
        this.client = client;
        this.url = url.replaceAll("/+$", "");
    }

    public String url() {
        return url;
    }

    /** The legacy {@code PUT /-/user/org.couchdb.user:<name>} (npm.md §8): creates the user, answers a token. */
    public String signUp() throws Exception {
        ObjectNode body = Json.object();
        body.put("_id", "org.couchdb.user:" + NpmFixture.USER);
        body.put("name", NpmFixture.USER);
        body.put("password", NpmFixture.PASSWORD);
        body.put("email", NpmFixture.EMAIL);
        body.put("type", "user");
        body.putArray("roles");
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url + "/-/user/org.couchdb.user:"
                + NpmFixture.USER)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return json(r, "sign-up").path("token").asText();
    }

    /** {@code npm publish}'s PUT; returns its wall time in nanoseconds. */
    public long publish(String token, String name, byte[] body) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url + "/" + name))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .header("npm-command", "publish").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long took = System.nanoTime() - t0;
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("publish " + name + ": HTTP " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return took;
    }

    public JsonNode packument(String name) throws Exception {
        return json(client.send(packumentRequest(name, false), HttpResponse.BodyHandlers.ofByteArray()), name);
    }

    public byte[] tarball(String name, String version) throws Exception {
        HttpResponse<byte[]> r = client.send(tarballRequest(name, version), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("tarball " + name + "@" + version + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    public HttpRequest packumentRequest(String name, boolean abbreviated) {
        return HttpRequest.newBuilder(URI.create(url + "/" + name))
                .header("accept", abbreviated ? ABBREVIATED : "application/json").GET().build();
    }

    public HttpRequest tarballRequest(String name, String version) {
        return HttpRequest.newBuilder(URI.create(url + "/" + name + "/-/" + name + "-" + version + ".tgz")).GET()
                .build();
    }

    public HttpRequest searchRequest(String text) {
        return HttpRequest.newBuilder(URI.create(url + "/-/v1/search?size=20&text=" + text)).GET().build();
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode json(HttpResponse<byte[]> r, String what) throws Exception {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return Json.parse(r.body(), Integer.MAX_VALUE);
    }
}
