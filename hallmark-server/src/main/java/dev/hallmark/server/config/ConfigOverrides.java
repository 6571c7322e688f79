package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/** Command-line flags that take precedence over {@code hallmark.yaml} for one run; never written back to the file. */
public record ConfigOverrides(
        Optional<String> host, Optional<Integer> port, Optional<String> publicUrl, Optional<String> databaseUrl, boolean dev) {
    public static final ConfigOverrides NONE =
            new ConfigOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    public ConfigOverrides {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
    }
}
