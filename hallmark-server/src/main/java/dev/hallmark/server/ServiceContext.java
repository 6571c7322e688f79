package dev.hallmark.server;

import dev.hallmark.server.config.HallmarkConfig;
import dev.hallmark.server.config.PublicUrls;
import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.keys.KeyManager;
import dev.hallmark.server.trust.TrustMaterialWriter;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What a service's wiring may use: its part of the configuration, the effective public URLs, the data directory,
 * the one key manager, the trust-material writer, the metrics registry and the clock (injected, never read
 * directly, so tests can fix time).
 */
public record ServiceContext(
        HallmarkConfig config,
        PublicUrls urls,
        DataDirectory dataDir,
        KeyManager keys,
        TrustMaterialWriter trust,
        HttpMetrics metrics,
        InstantSource clock) {
    public ServiceContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(urls, "urls");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
    }

    /** The JDBC URL every store uses (SQLite in the data directory unless configured otherwise). */
    public String jdbcUrl() {
        return config.storage().jdbcUrl(dataDir.root());
    }
}
