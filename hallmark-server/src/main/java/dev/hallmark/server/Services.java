package dev.hallmark.server;

import dev.hallmark.server.http.RouteGroup;
import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.server.ca.CaChains;
import dev.hallmark.server.ca.CertificateAuthorityService;
import dev.hallmark.server.ca.DevIssuersService;
import dev.hallmark.server.log.CertificateTransparencyService;
import dev.hallmark.server.log.TransparencyLogService;
import dev.hallmark.server.registry.RegistryService;
import dev.hallmark.core.rekor.RekorSubmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one place where services are wired into the server: each contributes a {@link RouteGroup} under its prefix
 * (DESIGN.md "Paths under the public URL") and registers what must be closed at shutdown. Domain modules expose
 * plain Java APIs; their HTTP adapters live in this module and are added in {@link #wire}.
 */
public final class Services implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Services.class.getName());
    private final List<RouteGroup> groups = new ArrayList<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private Services() {
    }

    /** Builds every service for this configuration. On failure, whatever was already opened is closed. */
    static Services wire(ServiceContext context, List<RouteGroup> extraGroups) throws Exception {
        Services services = new Services();
        try {
            CaChains chains = CaChains.prepare(context); // the CT log accepts chains ending at this CA's root
            RekorSubmitter rekor = TransparencyLogService.wire(context, services);
            PrecertificateLog ctLog = CertificateTransparencyService.wire(context, services);
            CertificateAuthorityService.wire(context, services, chains, ctLog);
            DevIssuersService.wire(context, services);
            RegistryService.wire(context, services, rekor);
            // TUF (/tuf) follows the same pattern.
            extraGroups.forEach(services::add);
            return services;
        } catch (Exception | Error e) {
            services.close();
            throw e;
        }
    }

    /** Adds a service's routes. */
    public void add(RouteGroup group) {
        groups.add(group);
    }

    /** Registers a resource to close after the HTTP host has stopped (closed in reverse order of registration). */
    public void closeAtShutdown(AutoCloseable resource) {
        resources.push(resource);
    }

    public List<RouteGroup> routeGroups() {
        return List.copyOf(groups);
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
