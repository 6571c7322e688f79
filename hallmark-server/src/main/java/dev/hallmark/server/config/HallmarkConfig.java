package dev.hallmark.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The whole of {@code hallmark.yaml} as immutable records; each service is handed only its own part. The records
 * hold what the file says (empty optionals for derived values), so a read-write round trip is the identity;
 * {@link #publicUrls(int)} derives the effective URLs once the port is bound. Semantic checks live in
 * {@link ConfigCodec}, which reports every problem at once.
 */
public record HallmarkConfig(
        ServerConfig server,
        ServiceConfig registry,
        ServiceConfig ca,
        ServiceConfig ct,
        ServiceConfig log,
        ServiceConfig tsa,
        ServiceConfig tuf,
        StorageConfig storage,
        LimitsConfig limits,
        OidcConfig oidc,
        WitnessConfig witnesses,
        RegistryConfig registryPolicy,
        boolean dev) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HallmarkConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(tsa, "tsa");
        Objects.requireNonNull(tuf, "tuf");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(oidc, "oidc");
        Objects.requireNonNull(witnesses, "witnesses");
        Objects.requireNonNull(registryPolicy, "registryPolicy");
    }

    /** What a first start writes. */
    public static HallmarkConfig defaults() {
        ServiceConfig d = ServiceConfig.DEFAULT;
        return new HallmarkConfig(new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Optional.empty()), d, d, d, d, d, d,
                StorageConfig.DEFAULT, LimitsConfig.DEFAULT, OidcConfig.DEFAULT, WitnessConfig.DEFAULT, RegistryConfig.DEFAULT, false);
    }

    /** This configuration with the command line's choices on top. */
    public HallmarkConfig with(ConfigOverrides o) {
        ServerConfig s = new ServerConfig(o.host().orElse(server.host()), o.port().orElse(server.port()),
                o.publicUrl().isPresent() ? o.publicUrl() : server.publicUrl());
        StorageConfig st = o.databaseUrl().map(StorageConfig::new).orElse(storage);
        return new HallmarkConfig(s, registry, ca, ct, log, tsa, tuf, st, limits, oidc, witnesses, registryPolicy,
                dev || o.dev());
    }

    /** The effective public URLs, given the port actually bound (which differs from the configured one for port 0). */
    public PublicUrls publicUrls(int boundPort) {
        return PublicUrls.derive(this, boundPort);
    }
}
