package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hallmark serve} as operators and scripts use it: a child JVM, the ready line, /healthz, SIGTERM. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesUntilSigtermThenExitsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.hallmark.cli.Main",
                "serve", "--data", dir.toString(), "--host", "127.0.0.1", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("Hallmark ready at ")) {
                            return line;
                        }
                    }
                    return "stdout closed before the ready line";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(ready).matches("Hallmark ready at http://127\\.0\\.0\\.1:\\d+");
            URI url = URI.create(ready.substring("Hallmark ready at ".length()));

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(process.exitValue()).isIn(0, 143);
            assertThat(dir.resolve("hallmark.yaml")).isRegularFile();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void badConfigurationIsOneLineAndExitStatus2() throws Exception {
        Files.writeString(dir.resolve("hallmark.yaml"), """
                server:
                  port: 70000
                log:
                  baseUrl: ftp://example.com/log
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"serve", "--data", dir.toString(), "--host", "127.0.0.1"},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(status).isEqualTo(2);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("hallmark: hallmark.yaml: ").contains("server.port").contains("log.baseUrl");
        assertThat(out.toString()).doesNotContain("Hallmark ready");
    }

    @Test
    void badFlagIsReportedLikeBadConfiguration() {
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"serve", "--data", dir.toString(), "--port", "0", "--public-url", "not a url"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("server.publicUrl");
    }
}
