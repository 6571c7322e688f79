package dev.hallmark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.server.DataDirectory;
import dev.hallmark.server.config.ConfigCodec;
import dev.hallmark.server.config.ConfigException;
import dev.hallmark.server.config.ConfigFile;
import dev.hallmark.server.config.HallmarkConfig;
import dev.hallmark.server.keys.FileKeyManager;
import dev.hallmark.server.tuf.RepositoryException;
import dev.hallmark.server.tuf.TufRepository;
import dev.hallmark.server.tuf.TufRepository.Rotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hallmark trust rotate}: a fresh key for one TUF role, published as root N+1 signed by the old root key and,
 * for a root rotation, the new one (TUF §5.3.4: clients holding root N need a threshold of both). The old key file
 * stays in {@code DIR/keys/} (it signs nothing any more) until the operator deletes it. Works while the server runs:
 * it takes the repository's lock, and the server picks up the new root at its next re-signing run.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Replace a TUF role's key: publishes root N+1 signed by the old and new root keys.")
final class TrustRotateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./hallmark-data).")
    Path data = DataDirectory.DEFAULT;

    @Option(names = "--role", paramLabel = "ROLE", description = "root (default), targets, snapshot or timestamp.")
    String role = "root";

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RoleType type;
        try {
            type = RoleType.named(role.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--role must be root, targets, snapshot or timestamp, not " + role);
        }
        DataDirectory dir = new DataDirectory(data);
        if (!Files.isRegularFile(dir.configFile())) {
            throw CliException.usage("no Hallmark data directory at " + dir.root() + " (no " + ConfigFile.NAME + ")");
        }
        HallmarkConfig config;
        try {
            config = ConfigCodec.read(InputFiles.read(dir.configFile(), 1024 * 1024, "configuration"));
        } catch (ConfigException e) {
            throw CliException.usage(e.getMessage());
        }
        FileKeyManager keys = new FileKeyManager(dir.keys());
        Rotation rotation;
        try {
            rotation = TufRepository.forRotation(dir.tuf(), keys, config.tufPolicy()).rotate(type, InstantSource.system().instant());
        } catch (RepositoryException e) {
            if (e.reason() == RepositoryException.Reason.NO_REPOSITORY) {
                throw CliException.usage(e.getMessage().substring(e.getMessage().indexOf(':') + 2));
            }
            throw CliException.failed("rotation failed: " + e.getMessage());
        }
        report(rotation, keys);
        return 0;
    }

    private void report(Rotation rotation, FileKeyManager keys) {
        List<String> retired = rotation.retiredKeys().stream().map(keys::path).map(Path::toString).toList();
        List<String> signed = rotation.published().signed().stream().map(r -> r.jsonName()).sorted().toList();
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("role", rotation.role().jsonName()).put("fromRoot", rotation.fromRoot()).put("toRoot", rotation.toRoot())
                    .put("keyName", rotation.key().value()).put("keyId", rotation.keyId())
                    .put("keyFile", keys.path(rotation.key()).toString());
            retired.forEach(node.putArray("retiredKeyFiles")::add);
            signed.forEach(node.putArray("signed")::add);
            out.println(node);
            return;
        }
        out.println("rotated the " + rotation.role().jsonName() + " key: root v" + rotation.fromRoot() + " -> v"
                + rotation.toRoot() + ", new key " + rotation.key() + " (id " + rotation.keyId().substring(0, 16) + "…)");
        out.println("signed anew: " + String.join(", ", signed));
        for (String file : retired) {
            out.println("old key kept: " + file + " signs nothing now; delete it once the rotation is finished");
        }
    }
}
