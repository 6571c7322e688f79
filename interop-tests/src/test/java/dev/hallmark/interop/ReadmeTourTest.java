package dev.hallmark.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "Ten-minute tour" as written: every {@code sh} block of that section, in order, in one bash with
 * {@code set -euo pipefail}, from the repository root, with the real launcher, curl, jq and npm. Only the tour's
 * directory and port are moved to a temporary directory and a free port; npm gets its own HOME.
 */
class ReadmeTourTest {
    static final String SECTION = "## Ten-minute tour";

    @TempDir
    Path dir;

    @Test
    void theTourRunsAsWrittenAndEachStepShowsWhatItPromises() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> blocks = tourBlocks(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
        assertThat(blocks).hasSize(5);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String script = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"
                + String.join("\n", blocks).replace("/tmp/hallmark-tour", dir.resolve("tour").toString())
                        .replace("8080", Integer.toString(port));
        Path file = Files.writeString(dir.resolve("tour.sh"), script);
        Path home = Files.createDirectories(dir.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("HALLMARK_NO_BUILD", "1"); // the reactor has just packaged the jar this test runs
        pb.environment().put("JAVA_HOME", Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString());
        pb.environment().put("npm_config_update_notifier", "false");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("Signed provenance statement with source and build information from GitHub Actions")
                .contains("+ @acme/widget@1.0.0")
                .contains("Built and signed on CI (http://127.0.0.1:" + port + "/oidc/github)")
                .contains("1 package has a verified registry signature")
                .contains("1 package has a verified attestation")
                .contains("https://github.com/acme/gadget");
    }

    /** The {@code ```sh} blocks between the tour's heading and the next {@code ## } heading. */
    static List<String> tourBlocks(String readme) {
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README has a " + SECTION + " section").isNotNegative();
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = section.indexOf("```sh\n", at)) >= 0) {
            int close = section.indexOf("\n```", at + 6);
            blocks.add(section.substring(at + 6, close + 1));
            at = close + 4;
        }
        return blocks;
    }
}
