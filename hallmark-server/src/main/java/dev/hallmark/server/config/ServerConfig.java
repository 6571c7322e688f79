package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the process listens, and the URL clients reach it by.
 *
 * @param publicUrl the externally visible base URL; empty means {@code http://<host>:<bound port>}
 */
public record ServerConfig(String host, int port, Optional<String> publicUrl) {
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicUrl, "publicUrl");
    }
}
