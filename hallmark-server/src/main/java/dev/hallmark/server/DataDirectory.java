package dev.hallmark.server;

import dev.hallmark.server.config.ConfigFile;
import dev.hallmark.server.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The data directory layout (DESIGN.md "Runtime contract"): {@code hallmark.yaml}, {@code keys/} (0700, key files
 * 0600), {@code trust/} (trusted_root.json, signing_config.json) and {@code tuf/}. Created at first start, reused after.
 */
public record DataDirectory(Path root) {
    public static final Path DEFAULT = Path.of("hallmark-data");

    public DataDirectory {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Creates whatever part of the layout is missing; an existing directory is left as it is. */
    public static DataDirectory prepare(Path root) throws IOException {
        DataDirectory dir = new DataDirectory(root);
        AtomicFiles.createDirectory(dir.root(), false);
        AtomicFiles.createDirectory(dir.keys(), true);
        AtomicFiles.createDirectory(dir.trust(), false);
        return dir;
    }

    public Path configFile() {
        return root.resolve(ConfigFile.NAME);
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path trust() {
        return root.resolve("trust");
    }

    /** The TUF repository; {@code tuf/root.json} is what clients start from. Created by the TUF service. */
    public Path tuf() {
        return root.resolve("tuf");
    }
}
