package dev.hallmark.bench.reliability;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs published versions with the machine's own npm client ({@code npm install <name>@<version>}) in a fresh
 * project, cache and user config each: the end-to-end proof that a version "still installs" (npm fetches the
 * packument, the tarball, and checks the tarball against {@code dist.integrity}).
 */
final class NpmInstall {
    private NpmInstall() {
    }

    /** Installs the last {@code count} versions; one line each ("…: installed" or why not), or "skipped: …". */
    static List<String> latest(URI registry, Path work, List<WriteLedger.PublishedVersion> versions, int count)
            throws InterruptedException {
        List<String> out = new ArrayList<>();
        if (!onPath("npm")) {
            out.add("skipped: npm is not on PATH");
            return out;
        }
        List<WriteLedger.PublishedVersion> last = versions.subList(Math.max(0, versions.size() - count), versions.size());
        for (WriteLedger.PublishedVersion v : last) {
            String spec = v.name() + "@" + v.version();
            try {
                Path project = Files.createTempDirectory(work, "npm-install-");
                Files.writeString(project.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}");
                Files.writeString(project.resolve(".npmrc-user"), "");
                Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        "--registry=" + registry + "/", "--cache=" + project.resolve(".cache"),
                        "--userconfig=" + project.resolve(".npmrc-user"), spec)
                        .directory(project.toFile()).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = p.waitFor(120, TimeUnit.SECONDS);
                Path installed = project.resolve("node_modules").resolve(v.name()).resolve("package.json");
                if (done && p.exitValue() == 0 && Files.readString(installed).contains("\"" + v.version() + "\"")) {
                    out.add(spec + ": installed");
                } else {
                    String[] lines = log.strip().split("\n");
                    out.add(spec + ": failed (exit " + (done ? p.exitValue() : "timeout") + "): " + lines[lines.length - 1]);
                }
            } catch (IOException e) {
                out.add(spec + ": failed: " + e.getMessage());
            }
        }
        return out;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
