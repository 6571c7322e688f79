package dev.hallmark.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code hallmark} executable ({@code hallmark-cli/target/hallmark-cli.jar}, what {@code ./hallmark}
 * runs) as a separate process with exactly the environment given, as a CI job would run it beside npm.
 */
final class HallmarkCli {
    private HallmarkCli() {
    }

    static StockNpm.Result run(Path directory, Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of("../hallmark-cli/target/hallmark-cli.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages hallmark-cli before interop-tests");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("hallmark-", ".out");
        Path err = Files.createTempFile("hallmark-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("hallmark " + String.join(" ", args) + " did not finish: "
                        + Files.readString(out) + Files.readString(err));
            }
            return new StockNpm.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
