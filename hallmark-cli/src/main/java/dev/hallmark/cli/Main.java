package dev.hallmark.cli;

import dev.hallmark.cli.publish.PublishCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hallmark} executable. Every failure is one line on stderr and a non-zero exit, never a stack trace. */
@Command(
        name = "hallmark",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "npm package provenance on a self-hostable Sigstore stack.",
        subcommands = {VerifyBundleCommand.class, SignBundleCommand.class, VerifyCommand.class, AuditCommand.class,
                PublishCommand.class,
                ServeCommand.class, RegistryCommand.class, TrustCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit status of a verification that ran and failed. */
    static final int EXIT_FAILED = 1;
    /** Exit status of bad usage or unreadable input. */
    static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; the in-process entry point the tests use. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As above, with the environment the commands that read it (publish: CI, npm settings, proxy) are to see. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == PublishCommand.class ? type.cast(new PublishCommand(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            String message = e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    ? "unknown command or argument '" + u.getUnmatched().get(0) + "' (see hallmark --help)"
                    : e.getMessage();
            err.println("hallmark: " + message);
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException failure) {
                err.println("hallmark: " + failure.getMessage());
                return failure.exitCode();
            }
            // Anything else is a bug; still one line, and no internals beyond the exception type.
            err.println("hallmark: internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
            return 70;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hallmark " + (v == null ? "development build" : v)};
        }
    }
}
