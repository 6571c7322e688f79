package dev.hallmark.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Runs the stock {@code npm} on PATH (and, with the same isolation, yarn and pnpm) as one user of one registry: its own
 * HOME, cache, user config ({@code <home>/.npmrc}, holding {@code registry=} and {@code //host:port/:_authToken=}) and
 * an empty global config. The child gets a fresh environment, so no {@code npm_config_*}, {@code YARN_*} or proxy
 * variable of the developer leaks in, and nothing is read from or written to the real home directory.
 */
final class NpmCli {
    /** One finished command: its exit status and what it printed (a pseudo-terminal merges both streams). */
    record Result(int exit, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** A prompt the command is expected to print, and the line to type when it does. */
    record Answer(String prompt, String line) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\r");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path root;
    private final URI registry;

    /** @param registry the registry URL with its trailing slash, e.g. {@code http://127.0.0.1:4873/} */
    NpmCli(Path root, URI registry) throws IOException {
        this.root = root;
        this.registry = registry;
        for (String dir : List.of("home", "cache", "tmp", "logs", "xdg/config", "xdg/cache", "xdg/data", "xdg/state")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("global-npmrc"), "");
        // yarn 1 would otherwise look for a newer yarn on the public registry
        Files.writeString(home().resolve(".yarnrc"), "disable-self-update-check true\n");
        // pnpm's global config (npm warns about pnpm-only keys in npm_config_* variables, so not there)
        Files.createDirectories(root.resolve("xdg/config/pnpm"));
        Files.writeString(root.resolve("xdg/config/pnpm/rc"), "store-dir=" + root.resolve("cache/pnpm-store") + "\n");
        useToken(Optional.empty());
    }

    Path home() {
        return root.resolve("home");
    }

    Path userconfig() {
        return home().resolve(".npmrc");
    }

    /** The {@code //host:port/} key npm files this registry's credentials under. */
    String authKey() {
        return "//" + registry.getHost() + ":" + registry.getPort() + "/";
    }

    /** Rewrites the user config with the registry and, if given, a token for it. */
    void useToken(Optional<String> token) throws IOException {
        StringBuilder npmrc = new StringBuilder("registry=" + registry + "\n");
        token.ifPresent(t -> npmrc.append(authKey()).append(":_authToken=").append(t).append('\n'));
        Files.writeString(userconfig(), npmrc.toString());
    }

    /** The token npm saved for this registry (after adduser/login), if any. */
    Optional<String> token() throws IOException {
        if (!Files.exists(userconfig())) {
            return Optional.empty();
        }
        String prefix = authKey() + ":_authToken=";
        return Files.readAllLines(userconfig()).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim()).findFirst();
    }

    /** {@code npm <args>} in {@code cwd}, with stdin closed. */
    Result npm(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        return run(cwd, command);
    }

    /** Any command (yarn, pnpm, …) under this user's isolated environment, with stdin closed. */
    Result run(Path cwd, List<String> command) throws IOException, InterruptedException {
        int n = RUNS.incrementAndGet();
        Path out = root.resolve("logs/" + n + ".out");
        Path err = root.resolve("logs/" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        isolate(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + TIMEOUT);
        }
        return new Result(process.exitValue(), Files.readString(out).strip(), Files.readString(err).strip());
    }

    /**
     * {@code npm <args>} on a pseudo-terminal ({@code script -qefc}, util-linux), answering each prompt in turn when it
     * appears: npm reads passwords only from a terminal, and a piped stdin loses the lines after the first prompt.
     */
    Result interactive(Path cwd, List<Answer> answers, String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder("exec npm");
        for (String arg : args) {
            line.append(" '").append(arg.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qefc", line.toString(), "/dev/null")
                .directory(cwd.toFile()).redirectErrorStream(true);
        isolate(builder.environment());
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> pump(process.getInputStream(), output));
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (OutputStream stdin = process.getOutputStream()) {
            int from = 0;
            for (Answer answer : answers) {
                int at;
                while ((at = output.indexOf(answer.prompt(), from)) < 0) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        process.destroyForcibly().waitFor();
                        reader.join(5_000);
                        // -1: the dialogue went otherwise than expected, whatever npm's own status
                        return new Result(-1, clean(output.toString()), "no prompt \"" + answer.prompt() + "\"");
                    }
                    Thread.sleep(20);
                }
                from = at + answer.prompt().length();
                stdin.write((answer.line() + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            // stdin stays open until npm exits: script(1) would hang up the terminal on its end
            if (!process.waitFor(Math.max(1, Duration.between(Instant.now(), deadline).toSeconds()), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm " + String.join(" ", args) + " did not finish; output:\n"
                        + clean(output.toString()));
            }
        }
        reader.join(5_000);
        return new Result(process.exitValue(), clean(output.toString()), "");
    }

    private static void pump(InputStream in, StringBuffer into) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clean(String terminalOutput) {
        return ANSI.matcher(terminalOutput).replaceAll("").strip();
    }

    /** A fresh environment: only PATH survives from ours; every tool's config, cache and state is under root. */
    private void isolate(Map<String, String> env) {
        Map<String, String> fresh = new HashMap<>();
        fresh.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        fresh.put("HOME", home().toString());
        fresh.put("SHELL", "/bin/sh");
        fresh.put("TERM", "dumb");
        fresh.put("LANG", "C.UTF-8");
        fresh.put("TMPDIR", root.resolve("tmp").toString());
        fresh.put("npm_config_userconfig", userconfig().toString());
        fresh.put("npm_config_globalconfig", root.resolve("global-npmrc").toString());
        fresh.put("npm_config_cache", root.resolve("cache").toString());
        fresh.put("npm_config_update_notifier", "false");
        fresh.put("npm_config_fund", "false");
        fresh.put("npm_config_audit", "false");
        fresh.put("npm_config_progress", "false");
        fresh.put("npm_config_color", "false");
        fresh.put("YARN_CACHE_FOLDER", root.resolve("cache/yarn").toString());
        fresh.put("PNPM_HOME", root.resolve("xdg/data/pnpm").toString());
        fresh.put("XDG_CONFIG_HOME", root.resolve("xdg/config").toString());
        fresh.put("XDG_CACHE_HOME", root.resolve("xdg/cache").toString());
        fresh.put("XDG_DATA_HOME", root.resolve("xdg/data").toString());
        fresh.put("XDG_STATE_HOME", root.resolve("xdg/state").toString());
        env.clear();
        env.putAll(fresh);
    }
}
