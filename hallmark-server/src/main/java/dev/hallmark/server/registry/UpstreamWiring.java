package dev.hallmark.server.registry;

import dev.hallmark.registry.store.BlobStore;
import dev.hallmark.registry.store.RegistryStore;
import dev.hallmark.registry.upstream.ReadThrough;
import dev.hallmark.registry.upstream.Upstream;
import dev.hallmark.registry.upstream.UpstreamOptions;
import dev.hallmark.registry.upstream.UpstreamToken;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.Services;
import dev.hallmark.server.config.ConfigException;
import dev.hallmark.server.config.UpstreamConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds the registry's upstream proxy from {@code registry.upstream} in hallmark.yaml, or nothing when it is absent
 * (the default). The token is read from its file here, at start-up, and goes nowhere but the Authorization header of
 * requests to the configured upstream; problems name the file, never its content.
 */
final class UpstreamWiring {
    private static final int MAX_TOKEN_FILE_BYTES = 8192;

    private UpstreamWiring() {
    }

    static Optional<ReadThrough> readThrough(ServiceContext context, RegistryStore store, BlobStore blobs,
            Services services) throws ConfigException {
        Optional<UpstreamConfig> configured = context.config().registryPolicy().upstream();
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        UpstreamConfig c = configured.get();
        Optional<UpstreamToken> token = Optional.empty();
        if (c.tokenFile().isPresent()) {
            token = Optional.of(readToken(context.dataDir().root().resolve(c.tokenFile().get())));
        }
        UpstreamOptions options;
        try {
            options = new UpstreamOptions(URI.create(c.url()), Duration.ofMillis(c.timeoutMillis()),
                    c.maxPackumentBytes(), c.maxTarballBytes(), token, Duration.ofSeconds(c.packumentTtlSeconds()));
        } catch (IllegalArgumentException e) { // the validator checked every rule; kept so a new one cannot slip by
            throw new ConfigException(List.of("registry.upstream: " + e.getMessage()));
        }
        Upstream upstream = new Upstream(options);
        services.closeAtShutdown(upstream);
        return Optional.of(new ReadThrough(upstream, store.upstreamCache(), blobs, context.clock()));
    }

    private static UpstreamToken readToken(Path file) throws ConfigException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigException(List.of("registry.upstream.tokenFile " + file + " cannot be read"));
        }
        if (bytes.length > MAX_TOKEN_FILE_BYTES) {
            throw new ConfigException(List.of("registry.upstream.tokenFile " + file + " is larger than "
                    + MAX_TOKEN_FILE_BYTES + " bytes"));
        }
        try {
            return UpstreamToken.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("registry.upstream.tokenFile " + file + " does not hold one token: "
                    + e.getMessage()));
        }
    }
}
