package dev.hallmark.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the pinned sigstore-js clients in {@code interop-tests/js} (installed by ./run-tests) as child processes. */
final class NodeClients {
    record Result(int exit, String output) {
    }

    private NodeClients() {
    }

    static Path scripts() {
        Path dir = Path.of(System.getProperty("hallmark.js", "js")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/@sigstore/verify"))) {
            throw new IllegalStateException("sigstore-js is not installed in " + dir + ": run ./run-tests (it runs npm ci there)");
        }
        return dir;
    }

    static Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", scripts().resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(scripts().toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
}
