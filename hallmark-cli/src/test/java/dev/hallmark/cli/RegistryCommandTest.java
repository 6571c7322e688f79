package dev.hallmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hallmark registry rotate-key}: retires the key once, says so in one line, and refuses what it cannot do. */
class RegistryCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void rotateKeyRetiresTheCurrentKeyOnce() throws Exception {
        Path data = dir.resolve("data");
        HallmarkServer.builder(data).overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0),
                Optional.empty(), Optional.empty(), false)).start().close();
        Run first = run("registry", "rotate-key", "--data", data.toString(), "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("{\"retired\":\"SHA256:");
        assertThat(Files.readString(data.resolve("trust/registry-keys-retired.json"))).contains("\"expires\"");
        assertThat(data.resolve("keys/registry.pem")).doesNotExist();

        Run again = run("registry", "rotate-key", "--data", data.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err().strip()).startsWith("hallmark: cannot rotate the registry key: no registry key").doesNotContain("\n");
    }

    @Test
    void aMissingDataDirectoryIsAUsageError() {
        Run r = run("registry", "rotate-key", "--data", dir.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("hallmark: no data directory " + dir.resolve("nowhere"));
    }
}
