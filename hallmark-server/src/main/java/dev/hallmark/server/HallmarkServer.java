package dev.hallmark.server;

import dev.hallmark.server.config.ConfigException;
import dev.hallmark.server.config.ConfigFile;
import dev.hallmark.server.config.ConfigOverrides;
import dev.hallmark.server.config.HallmarkConfig;
import dev.hallmark.server.config.PublicUrls;
import dev.hallmark.server.http.HttpMetrics;
import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.server.http.Router;
import dev.hallmark.server.jetty.AccessLog;
import dev.hallmark.server.jetty.HostOptions;
import dev.hallmark.server.jetty.HttpHost;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.trust.TrustMaterialWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One running Hallmark: data directory prepared, configuration read, port bound, services wired, HTTP answering.
 * Start-up order matters: the port is bound before services are built so that, with port 0, the public URLs (and
 * the trust material naming them) are already right. {@link #close} stops HTTP first, waiting for requests in flight,
 * then closes the services.
 */
public final class HallmarkServer implements AutoCloseable {
    private final HallmarkConfig config;
    private final PublicUrls urls;
    private final HttpHost host;
    private final Services services;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private HallmarkServer(HallmarkConfig config, PublicUrls urls, HttpHost host, Services services) {
        this.config = config;
        this.urls = urls;
        this.host = host;
        this.services = services;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public HallmarkConfig config() {
        return config;
    }

    public PublicUrls urls() {
        return urls;
    }

    /** The URL {@code hallmark serve} announces: the public URL of the server. */
    public URI url() {
        return urls.server();
    }

    public int port() {
        return host.port();
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops answering (in-flight requests finish), then closes every service. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            host.close();
        } finally {
            services.close();
            stopped.countDown();
        }
    }

    /** How to start a server; only the data directory is required. */
    public static final class Builder {
        private final Path dataDir;
        private ConfigOverrides overrides = ConfigOverrides.NONE;
        private InstantSource clock = InstantSource.system();
        private Consumer<String> accessLog = AccessLog.systemLogger();
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final List<RouteGroup> extraGroups = new ArrayList<>();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
        }

        public Builder overrides(ConfigOverrides value) {
            this.overrides = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder accessLog(Consumer<String> value) {
            this.accessLog = Objects.requireNonNull(value);
            return this;
        }

        /** How long {@link HallmarkServer#close} waits for requests in flight. */
        public Builder stopTimeout(Duration value) {
            this.stopTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Mounts an additional route group (tests, embedders) next to the wired services. */
        public Builder routeGroup(RouteGroup group) {
            extraGroups.add(Objects.requireNonNull(group));
            return this;
        }

        /**
         * Prepares the data directory, reads (or first writes) {@code hallmark.yaml}, binds, wires the services and
         * starts answering.
         *
         * @throws ConfigException the configuration is unusable (every problem in one message)
         * @throws Exception anything else that stops the start (port taken, unreadable key, storage down)
         */
        public HallmarkServer start() throws Exception {
            DataDirectory dir = DataDirectory.prepare(dataDir);
            HallmarkConfig config = ConfigFile.loadOrCreate(dir.root(), overrides);
            HttpMetrics metrics = new HttpMetrics();
            HttpHost host = HttpHost.open(new HostOptions(config.server().host(), config.server().port(),
                    config.limits().maxRequestBodyBytes(), config.limits().maxRequestHeaderBytes(),
                    config.limits().maxConcurrentRequests(), stopTimeout, metrics, accessLog));
            Services services = null;
            try {
                PublicUrls urls = config.publicUrls(host.port());
                ServiceContext context = new ServiceContext(config, urls, dir, new FileKeyManager(dir.keys()),
                        new TrustMaterialWriter(dir.trust()), metrics, clock);
                services = Services.wire(context, extraGroups);
                List<RouteGroup> groups = new ArrayList<>(services.routeGroups());
                groups.add(SystemRoutes.group(metrics));
                host.start(new Router(groups));
                return new HallmarkServer(config, urls, host, services);
            } catch (Exception | Error e) {
                host.close();
                if (services != null) {
                    services.close();
                }
                throw e;
            }
        }
    }
}
