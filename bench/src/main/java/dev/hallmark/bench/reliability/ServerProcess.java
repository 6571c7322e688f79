package dev.hallmark.bench.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code hallmark serve} in a child JVM, as an operator runs it ({@code java -jar hallmark-cli.jar serve}),
 * with a small heap: the reliability parts observe it only from outside (HTTP, {@code jcmd}, {@code /proc}), so an
 * out-of-memory error, a crash or a hang is seen as it would be in production. The JVM exits on an
 * {@code OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError}) so that one cannot go unnoticed in a half-dead
 * process. Its stderr (server log and access log) goes to a file. {@code RELIABILITY_SERVER_JAVA_OPTS} adds JVM options
 * (a flight recording, another collector).
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("committed (\\d+)K, used (\\d+)K");
    private final Process process;
    private final URI url;
    private final Path log;

    private ServerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts {@code hallmark serve --data <dataDir> --port 0} and waits (up to 120 s) for its ready line. */
    static ServerProcess start(Path cliJar, Path dataDir, String heap, Path log, List<String> extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms" + heap, "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-jar", cliJar.toString(),
                "serve", "--data", dataDir.toString(), "--port", "0"));
        String extra = System.getenv("RELIABILITY_SERVER_JAVA_OPTS"); // e.g. -XX:StartFlightRecording=… to profile
        if (extra != null && !extra.isBlank()) {
            command.addAll(1, List.of(extra.trim().split("\\s+")));
        }
        command.addAll(extraArgs);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Path stdout = log.resolveSibling(log.getFileName() + ".stdout");
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var copy = Files.newBufferedWriter(stdout, StandardCharsets.UTF_8)) {
                for (String line; (line = out.readLine()) != null;) {
                    copy.write(line);
                    copy.newLine();
                    copy.flush(); // the JVM's last words (e.g. "Terminating due to java.lang.OutOfMemoryError") come here
                    if (line.startsWith("Hallmark ready at ")) {
                        String u = line.substring("Hallmark ready at ".length()).trim();
                        ready.complete(URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("hallmark serve exited before it was ready; see " + log));
        });
        try {
            return new ServerProcess(p, ready.get(120, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            p.destroyForcibly().waitFor();
            throw new IOException("hallmark serve did not start: " + e.getMessage() + " (log: " + log + ")", e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    URI url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Used and committed heap in MiB from {@code jcmd GC.heap_info}; {-1, -1} when it cannot be read. */
    long[] heapMiB() {
        String out = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(out);
        return m.find() ? new long[] {Long.parseLong(m.group(2)) / 1024, Long.parseLong(m.group(1)) / 1024}
                : new long[] {-1, -1};
    }

    /** Heap used right after a full collection: what the server retains, garbage excluded. */
    long retainedHeapMiB() {
        jcmd("GC.run");
        return heapMiB()[0];
    }

    /** Starts a flight recording ({@code settings=profile}) of the next {@code seconds}, written to {@code file}. */
    void record(Path file, long seconds) {
        jcmd("JFR.start name=" + file.getFileName() + " settings=profile duration=" + seconds + "s filename=" + file);
    }

    /** Resident set size in MiB, from /proc. */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Lines of the server's stderr and stdout containing {@code needle} (e.g. "OutOfMemoryError"). */
    long logLinesContaining(String needle) throws IOException {
        long n = 0;
        for (Path p : List.of(log, log.resolveSibling(log.getFileName() + ".stdout"))) {
            if (Files.exists(p)) {
                try (var lines = Files.lines(p, StandardCharsets.ISO_8859_1)) {
                    n += lines.filter(l -> l.contains(needle)).count();
                }
            }
        }
        return n;
    }

    Path log() {
        return log;
    }

    private String jcmd(String what) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid())));
            command.addAll(List.of(what.split(" ")));
            Process j = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            j.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGTERM (graceful: in-flight requests finish, storage closes), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    int exitValue() {
        return process.exitValue();
    }
}
