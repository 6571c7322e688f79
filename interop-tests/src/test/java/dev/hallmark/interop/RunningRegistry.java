package dev.hallmark.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Hallmark started in-process on 127.0.0.1 and a free port, on SQLite (its default, in the data directory) or on a
 * fresh PostgreSQL schema (127.0.0.1:5432, database {@code test}, dropped on close), with raw-HTTP helpers for
 * looking at the registry beside what the npm client says.
 */
final class RunningRegistry implements AutoCloseable {
    enum Storage { SQLITE, POSTGRESQL }

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HallmarkServer server;
    private final Optional<String> schema;
    private final Path dataDir;
    private final Queue<String> accessLog;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningRegistry(HallmarkServer server, Path dataDir, Optional<String> schema, Queue<String> accessLog) {
        this.server = server;
        this.dataDir = dataDir;
        this.schema = schema;
        this.accessLog = accessLog;
    }

    static RunningRegistry start(Path dir, Storage storage) throws Exception {
        Optional<String> schema = storage == Storage.POSTGRESQL
                ? Optional.of("npm_interop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                : Optional.empty();
        if (schema.isPresent()) {
            sql("CREATE SCHEMA " + schema.get());
        }
        Queue<String> accessLog = new ConcurrentLinkedQueue<>();
        try {
            HallmarkServer server = HallmarkServer.builder(dir.resolve("data")).accessLog(accessLog::add)
                    .overrides(new ConfigOverrides(Optional.of("127.0.0.1"), Optional.of(0), Optional.empty(),
                            schema.map(s -> POSTGRES + "&currentSchema=" + s), false))
                    .start();
            return new RunningRegistry(server, dir.resolve("data"), schema, accessLog);
        } catch (Exception | Error e) {
            if (schema.isPresent()) {
                sql("DROP SCHEMA " + schema.get() + " CASCADE");
            }
            throw e;
        }
    }

    /** The access log lines so far ({@code method=… path=… status=…}), oldest first. */
    List<String> requests() {
        return List.copyOf(accessLog);
    }

    Path dataDir() {
        return dataDir;
    }

    HallmarkServer server() {
        return server;
    }

    /** The registry URL as npm wants it, with the trailing slash. */
    URI url() {
        return URI.create(server.urls().registry().toString().replaceAll("/+$", "") + "/");
    }

    /** A raw request; {@code path} is sent exactly as given (still percent-encoded, dot segments kept). */
    HttpResponse<String> send(String method, String path, byte[] body, Optional<String> token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Optional.empty());
    }

    /** An anonymous GET with the given {@code Accept}. */
    HttpResponse<String> http(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path.substring(1))).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() throws SQLException {
        server.close();
        if (schema.isPresent()) {
            sql("DROP SCHEMA " + schema.get() + " CASCADE");
        }
    }
}
