package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One service's public location (DESIGN.md: "Each service's public base URL can be set on its own"), so a
 * deployment can put the log or the CA on a host of its own. The log's checkpoint origin is derived from it.
 *
 * @param baseUrl empty means the server's public URL followed by the service's path prefix
 */
public record ServiceConfig(Optional<String> baseUrl) {
    public static final ServiceConfig DEFAULT = new ServiceConfig(Optional.empty());

    public ServiceConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
    }
}
