package dev.hallmark.server.jetty;

import dev.hallmark.server.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP listener: Jetty 12 core (no servlets) with request handling on virtual threads. It binds in
 * {@link #open}, before the services exist, so that a server asked for port 0 knows its public URL while it builds
 * them; it answers only after {@link #start}. Jetty types stay inside this package.
 */
public final class HttpHost implements AutoCloseable {
    /** Held so the level sticks: Jetty's lifecycle INFO lines would drown the one access line per request. */
    private static final java.util.logging.Logger JETTY_LOG = quietJetty();
    private final Server server;
    private final ServerConnector connector;
    private final HostOptions options;
    private final BodyReadDeadline bodyDeadline;
    private int boundPort = -1;

    private HttpHost(HostOptions options) {
        this.options = options;
        this.bodyDeadline = new BodyReadDeadline(options.bodyReadGrace(), options.minBodyBytesPerSecond());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("hallmark-http");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hallmark-request-", 0).factory()));
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(options.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        // npm asks for scoped packages as /@scope%2fname: an encoded slash inside one segment. Routes see encoded
        // segments and decode parameters themselves, so allowing it is unambiguous; encoded dots stay refused.
        http.setUriCompliance(UriCompliance.DEFAULT.with("hallmark", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        // At shutdown an idle keep-alive connection holds no request; close it soon rather than after Jetty's 1 s.
        connector.setShutdownIdleTimeout(Math.min(250, options.stopTimeout().toMillis()));
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(options.stopTimeout().toMillis());
    }

    private static java.util.logging.Logger quietJetty() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.eclipse.jetty");
        if (logger.getLevel() == null) {
            logger.setLevel(java.util.logging.Level.WARNING);
        }
        return logger;
    }

    /** Binds the listening socket (so {@link #port()} is known) without answering yet. */
    public static HttpHost open(HostOptions options) throws IOException {
        HttpHost host = new HttpHost(options);
        host.connector.open();
        host.boundPort = host.connector.getLocalPort();
        return host;
    }

    /** The port actually bound (the configured one, or the one the OS picked for port 0). */
    public int port() {
        return boundPort;
    }

    /** Starts answering requests with the given routes. */
    public void start(Router router) throws IOException {
        // GracefulHandler lets stop() wait for requests in flight (up to the stop timeout) instead of cutting them.
        server.setHandler(new GracefulHandler(new RequestHandler(router, options, bodyDeadline)));
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("HTTP server failed to start: " + e.getMessage(), e);
        }
    }

    /** Stops accepting, waits for requests in flight, then closes the socket and threads. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("HTTP server did not stop cleanly", e));
        } finally {
            bodyDeadline.close();
        }
    }
}
