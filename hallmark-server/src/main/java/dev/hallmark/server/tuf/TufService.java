package dev.hallmark.server.tuf;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.server.ServiceContext;
import dev.hallmark.server.Services;
import dev.hallmark.server.config.TufConfig;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The TUF repository at {@code /tuf/…} (DESIGN.md: mirror URL {@code <public-url>/tuf}). Wired after the CA, TSA and
 * log so their trust material exists: the first start creates the keys and {@code DIR/tuf/}, every start publishes
 * changed trust material, and a task re-signs roles before they expire and picks up files that change while running.
 */
public final class TufService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TufService.class.getName());
    private final TufRepository repository;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;

    private TufService(TufRepository repository, InstantSource clock) {
        this.repository = repository;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tuf-resign");
            t.setDaemon(true);
            return t;
        });
    }

    /** Publishes at once, serves {@code /tuf}, and schedules re-signing; {@code extra} sources join the trust files. */
    public static TufService wire(ServiceContext context, Services services, List<TargetSource> extra) throws RepositoryException {
        List<TargetSource> sources = new ArrayList<>();
        sources.add(new TrustDirectoryTargets(context.dataDir().trust(), context.urls().registry()));
        sources.addAll(extra);
        TufRepository repository = new TufRepository(context.dataDir().tuf(), context.keys(), context.config().tufPolicy(), sources);
        TufService service = start(repository, context.clock(), interval(context.config().tufPolicy()));
        services.closeAtShutdown(service);
        services.add(routes(repository.layout()));
        return service;
    }

    /** Publishes now, then every {@code interval}. */
    static TufService start(TufRepository repository, InstantSource clock, Duration interval) throws RepositoryException {
        TufService service = new TufService(repository, clock);
        try {
            service.tick();
        } catch (RepositoryException | RuntimeException e) {
            service.close();
            throw e;
        }
        service.scheduler.scheduleWithFixedDelay(service::tickLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return service;
    }

    /** How often the task looks: an eighth of the shortest validity, at most hourly, so a role is re-signed in time. */
    static Duration interval(TufConfig policy) {
        Duration eighth = policy.timestampExpiry().dividedBy(8);
        return eighth.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : eighth;
    }

    public TufRepository repository() {
        return repository;
    }

    /** One publish at the clock's time; the scheduled task calls this, tests call it with a moved clock. */
    public TufRepository.Published tick() throws RepositoryException {
        TufRepository.Published published = repository.publish(clock.instant());
        if (!published.signed().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "TUF: signed " + published.signed() + "; root v" + published.root()
                    + ", targets v" + published.targets() + ", snapshot v" + published.snapshot()
                    + ", timestamp v" + published.timestamp());
        }
        return published;
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RepositoryException | RuntimeException e) {
            // the next run tries again; clients keep the metadata they have until it expires
            LOG.log(System.Logger.Level.WARNING, "TUF re-signing failed: " + e.getMessage());
        }
    }

    /** {@code GET /tuf/{path...}}: the repository's files; 404 for anything else, including the next root version. */
    static RouteGroup routes(TufLayout layout) {
        return RouteGroup.builder("tuf", "/tuf")
                .get("/{path...}", r -> serve(layout, r.pathParam("path")))
                .build();
    }

    private static Response serve(TufLayout layout, String path) throws RepositoryException {
        Optional<byte[]> file = layout.bytes(path);
        if (file.isEmpty()) {
            return Response.error(404, "no such TUF repository file");
        }
        String type = path.endsWith(".json") ? Response.JSON : "application/octet-stream";
        // Versioned metadata and hash-prefixed targets never change; root.json and timestamp.json do.
        boolean mutable = path.equals(TufLayout.ROOT) || path.equals("timestamp.json");
        return Response.of(200, type, Bytes.of(file.get()))
                .withHeader("cache-control", mutable ? "no-cache" : "public, max-age=31536000, immutable");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
