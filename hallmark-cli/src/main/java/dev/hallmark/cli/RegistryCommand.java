package dev.hallmark.cli;

import dev.hallmark.core.npm.RegistryKey;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.registry.RegistryKeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hallmark registry …}: administration of the npm registry's data directory. */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "Administer the npm registry.",
        subcommands = RegistryCommand.RotateKey.class)
final class RegistryCommand {
    /**
     * {@code hallmark registry rotate-key}: retires the signing key. Its public key stays in {@code /-/npm/v1/keys}
     * with {@code expires} set to now, so signatures it made keep verifying; the next start signs with a new key.
     */
    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Retire the registry signing key (run with the server stopped; the next start makes a new one).")
    static final class RotateKey implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./hallmark-data).")
        Path data = DataDirectory.DEFAULT;

        @Option(names = "--json", description = "Print the retired key as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (!Files.isDirectory(data)) {
                throw CliException.usage("no data directory " + data);
            }
            RegistryKey retired;
            try {
                retired = RegistryKeyFiles.rotate(new DataDirectory(data), Instant.now());
            } catch (Exception e) {
                throw CliException.failed("cannot rotate the registry key: " + e.getMessage());
            }
            String expires = retired.expires().orElseThrow().toString();
            spec.commandLine().getOut().println(json
                    ? "{\"retired\":\"" + retired.keyid() + "\",\"expires\":\"" + expires + "\"}"
                    : "retired registry key " + retired.keyid() + " (expires " + expires + "); restart to sign with a new key");
            return 0;
        }
    }
}
