package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** An in-process Hallmark on 127.0.0.1 for CLI tests, and the GitHub-Actions-like job token of its dev issuer. */
final class DevStack {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private DevStack() {
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static HallmarkServer start(Path data, boolean dev) throws Exception {
        return HallmarkServer.builder(data).overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0),
                Optional.empty(), Optional.empty(), dev)).start();
    }

    static String githubIssuer(HallmarkServer server) {
        return server.urls().server() + "/oidc/github";
    }

    /** The job token protocol of GitHub Actions (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN), audience sigstore. */
    static String githubToken(HallmarkServer server, Map<String, String> claims) throws Exception {
        JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(githubIssuer(server) + "/dev/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(claims))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(job.get("requestUrl").asText() + "&audience=sigstore"))
                .header("Authorization", "Bearer " + job.get("requestToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("value").asText();
    }
}
