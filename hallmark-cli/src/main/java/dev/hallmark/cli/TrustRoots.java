package dev.hallmark.cli;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the trusted root a command verifies against: the one given, else the local instance's, else an error. */
final class TrustRoots {
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private TrustRoots() {
    }

    static TrustedRoot resolve(Path explicit, boolean staging, Path dataDir) {
        Path file = explicit;
        if (file == null) {
            Path dir = dataDir != null ? dataDir
                    : Path.of(System.getenv().getOrDefault("HALLMARK_DATA", "hallmark-data"));
            Path instance = dir.resolve("trust").resolve("trusted_root.json");
            if (!staging && Files.isRegularFile(instance)) {
                file = instance;
            } else {
                throw CliException.usage(staging
                        ? "no trusted root: the public-good staging root comes only through TUF; pass --trusted-root FILE"
                        : "no trusted root: pass --trusted-root FILE, or --data DIR of a Hallmark instance (" + instance + " does not exist)");
            }
        }
        try {
            return TrustedRootCodec.parse(InputFiles.read(file, MAX_BYTES, "trusted root"));
        } catch (FormatException e) {
            throw CliException.usage("invalid trusted root " + file + ": " + e.getMessage());
        }
    }
}
