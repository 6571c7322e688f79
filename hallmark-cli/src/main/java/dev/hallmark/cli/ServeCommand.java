package dev.hallmark.cli;

import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.HallmarkServer;
import dev.hallmark.server.config.ConfigException;
import dev.hallmark.server.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark serve}: every service in this process until SIGTERM (DESIGN.md "Runtime contract"). The ready
 * line is the contract scripts and tests wait for; a bad configuration is one line and exit status 2.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Hallmark registry, CA, transparency log, TSA and TUF repository until SIGTERM.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./hallmark-data).")
    Path data = DataDirectory.DEFAULT;

    @Option(names = "--host", paramLabel = "HOST", description = "Listen address (overrides server.host; default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen port, 0 for any free one (overrides server.port; default 8080).")
    Integer port;

    @Option(names = "--public-url", paramLabel = "URL", description = "URL clients reach this server by (overrides server.publicUrl).")
    String publicUrl;

    @Option(names = "--database-url", paramLabel = "JDBC", description = "jdbc:sqlite:… or jdbc:postgresql:… (overrides storage.databaseUrl).")
    String databaseUrl;

    @Option(names = "--dev", description = "Enable the development OIDC issuers (never in production).")
    boolean dev;

    /** One line per log record (the JDK default takes two), unless the operator chose a format. */
    static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s %5$s%6$s%n";

    /** Libraries narrate their start-up at INFO; an operator needs their warnings only. Kept as fields: JUL holds weakly. */
    private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

    private static void quietLibraries() {
        for (String name : new String[] {"com.zaxxer.hikari", "org.flywaydb"}) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(java.util.logging.Level.WARNING);
            }
            QUIETED.add(logger);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        }
        quietLibraries();
        ConfigOverrides overrides = new ConfigOverrides(Optional.ofNullable(host), Optional.ofNullable(port),
                Optional.ofNullable(publicUrl), Optional.ofNullable(databaseUrl), dev);
        HallmarkServer server;
        try {
            server = HallmarkServer.builder(data).overrides(overrides).start();
        } catch (ConfigException e) {
            throw CliException.usage(e.getMessage());
        } catch (Exception e) {
            throw CliException.failed("cannot start: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        // SIGTERM/SIGINT run shutdown hooks: stop HTTP (requests in flight finish), then close storage.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hallmark-shutdown"));
        spec.commandLine().getOut().println("Hallmark ready at " + server.url());
        spec.commandLine().getOut().flush();
        server.awaitStop();
        return 0;
    }
}
