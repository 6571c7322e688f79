package dev.hallmark.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.bench.HttpLoad;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigOverrides;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Optional;

/** A {@link HallmarkServer} on a data dir (127.0.0.1, port 0, access log off) and a {@link RegistryClient} for it. */
final class RegistryServer implements AutoCloseable {
    private static final ConfigOverrides PORT_0 = new ConfigOverrides(Optional.empty(), Optional.of(0),
            Optional.empty(), Optional.empty(), false);

    private final HallmarkServer server;
    private final RegistryClient npm;
    final HttpClient client;
    final String url;

    private RegistryServer(HallmarkServer server, HttpClient client) {
        this.server = server;
        this.client = client;
        this.npm = new RegistryClient(client, server.urls().registry().toString());
        this.url = npm.url;
    }

    static RegistryServer start(Path dataDir) throws Exception {
        HallmarkServer server = HallmarkServer.builder(dataDir).overrides(PORT_0).accessLog(line -> { }).start();
        return new RegistryServer(server, HttpLoad.client());
    }

    String signUp() throws Exception {
        return npm.signUp();
    }

    long publish(String token, String name, byte[] body) throws Exception {
        return npm.publish(token, name, body);
    }

    JsonNode packument(String name) throws Exception {
        return npm.packument(name);
    }

    byte[] tarball(String name, String version) throws Exception {
        return npm.tarball(name, version);
    }

    HttpRequest packumentRequest(String name, boolean abbreviated) {
        return npm.packumentRequest(name, abbreviated);
    }

    HttpRequest tarballRequest(String name, String version) {
        return npm.tarballRequest(name, version);
    }

    HttpRequest searchRequest(String text) {
        return npm.searchRequest(text);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            client.close();
        }
    }
}
