package dev.hallmark.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.bench.BenchEnvironment;
import dev.hallmark.interop.InterceptionCa;
import dev.hallmark.interop.ProvenancePublisher;
import dev.hallmark.interop.SigstoreProxy;
import dev.hallmark.interop.StockNpm;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark's world, kept in one state directory between runs: a {@code --dev} Hallmark on a fixed loopback port
 * (its trusted root names that port, so it must not change) with every package published with provenance once, and
 * an npm project that installed them all from it with a real {@code npm install}. Stock npm reaches the Sigstore
 * public-good host names through {@link SigstoreProxy} (npm.md §14): its TUF cache is seeded with this Hallmark's root
 * and refreshed from its TUF repository as {@code tuf-repo-cdn.sigstore.dev}; the registry it reads directly.
 */
final class AuditProject implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path state;
    final Path data;
    final Path project;
    final Path policy;
    final HallmarkServer server;
    final String registry;
    private final SigstoreProxy proxy;
    private final Path proxyCa;
    private final Properties marks;

    private AuditProject(Path state, HallmarkServer server, SigstoreProxy proxy, Path proxyCa, Properties marks) {
        this.state = state;
        this.data = state.resolve("data");
        this.project = state.resolve("project");
        this.policy = state.resolve("policy.yaml");
        this.server = server;
        this.registry = server.url().toString().replaceAll("/+$", "");
        this.proxy = proxy;
        this.proxyCa = proxyCa;
        this.marks = marks;
    }

    static AuditProject open(AuditOptions o) throws Exception {
        if (o.fresh()) {
            BenchEnvironment.deleteTree(o.state());
        }
        Files.createDirectories(o.state());
        Properties marks = new Properties();
        Path file = o.state().resolve("state.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                marks.load(r);
            }
            if (!marks.getProperty("packages", "").equals(Integer.toString(o.packages()))) {
                throw new IllegalArgumentException("the state in " + o.state() + " has " + marks.getProperty("packages")
                        + " packages, not " + o.packages() + ": run with --fresh");
            }
        }
        int port = Integer.parseInt(marks.getProperty("port", "0"));
        HallmarkServer server;
        try {
            server = HallmarkServer.builder(o.state().resolve("data")).overrides(new ConfigOverrides(Optional.of("127.0.0.1"),
                    Optional.of(port), Optional.empty(), Optional.empty(), true)).accessLog(line -> { }).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Hallmark on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); the state's trusted root names that port: free it or run with --fresh");
        }
        marks.setProperty("port", Integer.toString(server.port()));
        marks.setProperty("packages", Integer.toString(o.packages()));
        InterceptionCa ca = InterceptionCa.create();
        Path pem = ca.writePem(o.state().resolve("proxy-ca.pem"));
        SigstoreProxy proxy = SigstoreProxy.forHallmark(URI.create(server.url().toString().replaceAll("/+$", "")), ca);
        AuditProject p = new AuditProject(o.state(), server, proxy, pem, marks);
        p.save();
        return p;
    }

    private void save() throws IOException {
        try (Writer w = Files.newBufferedWriter(state.resolve("state.properties"))) {
            marks.store(w, "bench/run-audit state");
        }
    }

    /** One in three scoped, as in real dependency trees; each from its own GitHub repository. */
    static List<ProvenancePublisher.Release> releases(int packages) {
        List<ProvenancePublisher.Release> releases = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            String name = i % 3 == 0 ? "@bench/pkg-%04d".formatted(i) : "pkg-%04d".formatted(i);
            releases.add(new ProvenancePublisher.Release(name, "1.0.0", "bench/pkg-%04d".formatted(i)));
        }
        return releases;
    }

    /** Publishes what is not published yet, installs with npm if not done; returns how long each step took. */
    Map<String, Object> prepare(int packages) throws Exception {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("packages", packages);
        if (!marks.containsKey("published")) {
            List<ProvenancePublisher.Release> todo = new ArrayList<>();
            for (ProvenancePublisher.Release r : releases(packages)) {
                if (status("/" + r.name().replace("/", "%2f")) == 404) {
                    todo.add(r);
                }
            }
            System.out.printf("publishing %d packages with provenance (%d already there) ...%n", todo.size(), packages - todo.size());
            long t0 = System.nanoTime();
            ProvenancePublisher.connect(URI.create(registry), "bench-" + System.nanoTime()).publish(todo, 32);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  published in %.1f s (%.0f/s)%n", seconds, todo.size() / seconds);
            setup.put("publishSeconds", Math.round(seconds * 10) / 10.0);
            marks.setProperty("published", "true");
            save();
        }
        Files.createDirectories(project);
        Files.writeString(project.resolve(".npmrc"), "registry=" + registry + "/\n");
        Files.writeString(policy, "packages:\n  \"*\":\n    requireProvenance: true\n");
        if (!marks.containsKey("installed")) {
            ObjectNode pkg = JSON.createObjectNode().put("name", "audit-bench").put("version", "1.0.0").put("private", true);
            ObjectNode deps = pkg.putObject("dependencies");
            releases(packages).forEach(r -> deps.put(r.name(), "^" + r.version()));
            Files.writeString(project.resolve("package.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pkg));
            System.out.printf("npm install of %d packages ...%n", packages);
            long t0 = System.nanoTime();
            StockNpm.Result install = npm().run(project, Duration.ofMinutes(30), "install", "--no-audit", "--no-fund",
                    "--ignore-scripts", "--loglevel=warn");
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (install.exit() != 0) {
                throw new IllegalStateException("npm install failed: " + install.output());
            }
            System.out.printf("  installed in %.1f s%n", seconds);
            setup.put("npmInstallSeconds", Math.round(seconds * 10) / 10.0);
            marks.setProperty("installed", "true");
            save();
        }
        int installed = installedCount();
        if (installed != packages) {
            throw new IllegalStateException(project + "/node_modules has " + installed + " packages, expected " + packages
                    + ": run with --fresh");
        }
        seedTuf();
        setup.putAll(checkpoints());
        return setup;
    }

    /**
     * How many log entries the attestations carry and how many distinct checkpoints they come with: entries logged in
     * one batch share a checkpoint, whose signature a verifier then checks once (TlogEntryVerifier). Recorded so the
     * figures can be judged against lockfiles whose entries were logged further apart.
     */
    private Map<String, Object> checkpoints() throws Exception {
        Set<String> distinct = new HashSet<>();
        int entries = 0;
        try (Connection db = DriverManager.getConnection(server.config().storage().jdbcUrl(data));
             ResultSet rs = db.createStatement().executeQuery("SELECT bundle FROM registry_attestations")) {
            while (rs.next()) {
                for (JsonNode e : JSON.readTree(rs.getString(1)).at("/verificationMaterial/tlogEntries")) {
                    entries++;
                    distinct.add(e.at("/inclusionProof/checkpoint/envelope").asText());
                }
            }
        }
        return Map.of("logEntries", entries, "distinctCheckpoints", distinct.size());
    }

    private int installedCount() throws IOException {
        Path modules = project.resolve("node_modules");
        int n = 0;
        try (Stream<Path> top = Files.list(modules)) {
            for (Path p : top.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("@")) {
                    try (Stream<Path> scoped = Files.list(p)) {
                        n += (int) scoped.filter(s -> Files.exists(s.resolve("package.json"))).count();
                    }
                } else if (Files.exists(p.resolve("package.json"))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** npm.md §14 B: npm's TUF cache starts from this Hallmark's root; an existing (refreshed) cache is kept. */
    private void seedTuf() throws IOException {
        Path tuf = npmCache().resolve("_tuf/tuf-repo-cdn.sigstore.dev");
        if (!Files.exists(tuf.resolve("root.json"))) {
            Files.createDirectories(tuf);
            Files.copy(data.resolve("tuf/root.json"), tuf.resolve("root.json"));
        }
    }

    Path npmCache() {
        return state.resolve("npm-cache");
    }

    /** Stock npm with its own home and cache, the proxy for the public-good Sigstore hosts, the registry direct. */
    StockNpm npm() throws Exception {
        return new StockNpm(state.resolve("npm-home"), npmCache(), registry, proxy, proxyCa);
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(registry + path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        server.close();
    }
}
