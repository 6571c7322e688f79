package dev.hallmark.cli.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the stock {@code node} and {@code npm} on PATH for differential tests, in a fresh environment (only PATH
 * survives; HOME, cache, user and global config point into the test's directory), so nothing of the developer's
 * configuration leaks in. Absent tools fail the test: these tests prove equality with npm and must never be skipped.
 */
final class NodeTools {
    record Result(int exit, String stdout, String stderr) {
    }

    private final Path root;

    NodeTools(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("home"));
        Files.createDirectories(root.resolve("cache"));
        Files.createDirectories(root.resolve("tmp"));
        Files.writeString(root.resolve("userconfig"), "");
        Files.writeString(root.resolve("globalconfig"), "");
    }

    Result run(Path cwd, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(root.resolve("tmp"), "out", ".txt");
        Path err = Files.createTempFile(root.resolve("tmp"), "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> fresh = new HashMap<>();
        fresh.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        fresh.put("HOME", root.resolve("home").toString());
        fresh.put("LANG", "C.UTF-8");
        fresh.put("TMPDIR", root.resolve("tmp").toString());
        fresh.put("npm_config_userconfig", root.resolve("userconfig").toString());
        fresh.put("npm_config_globalconfig", root.resolve("globalconfig").toString());
        fresh.put("npm_config_cache", root.resolve("cache").toString());
        fresh.put("npm_config_update_notifier", "false");
        fresh.put("npm_config_fund", "false");
        fresh.put("npm_config_audit", "false");
        env.clear();
        env.putAll(fresh);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " must be on PATH for this differential test: " + e.getMessage(), e);
        }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    Result npm(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        return run(cwd, command);
    }

    /** The directory of a module bundled with the global npm, e.g. {@code minimatch}. */
    Path npmModule(String name) throws IOException, InterruptedException {
        Result r = npm(root, "root", "-g");
        if (r.exit() != 0) {
            throw new AssertionError("npm root -g failed: " + r.stderr());
        }
        Path module = Path.of(r.stdout().strip(), "npm", "node_modules", name);
        if (!Files.isDirectory(module)) {
            throw new AssertionError("npm's bundled " + name + " not found at " + module);
        }
        return module;
    }
}
