package dev.hallmark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Jetty stays behind the {@code jetty} package (STYLE.md: HTTP types appear only in hallmark-server, and there only
 * in the adapter), so route groups and services are written against the plain Request/Response records.
 */
class LayeringTest {
    @Test
    void onlyTheJettyPackageImportsJetty() throws IOException {
        Path main = Path.of("src/main/java/dev/hallmark/server");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(main.resolve("jetty")))
                    .filter(p -> read(p).contains("org.eclipse.jetty"))
                    .toList();
            assertThat(offenders).isEmpty();
        }
        assertThat(read(main.resolve("jetty/HttpHost.java"))).contains("import org.eclipse.jetty"); // the scan sees imports
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
