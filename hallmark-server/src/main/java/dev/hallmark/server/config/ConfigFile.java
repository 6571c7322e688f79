package dev.hallmark.server.config;

import dev.hallmark.server.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code DIR/hallmark.yaml}: written with the defaults at first start, read at every later one. Flags override the
 * file for one run and are never written back, so the file stays the operator's.
 */
public final class ConfigFile {
    public static final String NAME = "hallmark.yaml";

    private ConfigFile() {
    }

    public static HallmarkConfig loadOrCreate(Path dataDir, ConfigOverrides overrides) throws ConfigException, IOException {
        Path file = dataDir.resolve(NAME);
        byte[] yaml;
        try {
            if (Files.size(file) > ConfigCodec.MAX_BYTES) {
                throw new ConfigException(List.of("the file is larger than " + ConfigCodec.MAX_BYTES + " bytes"));
            }
            yaml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            yaml = ConfigCodec.write(HallmarkConfig.defaults());
            AtomicFiles.writeIfAbsent(file, yaml, false);
            yaml = Files.readAllBytes(file); // another process may have won the race; use what is on disk
        }
        return ConfigCodec.read(yaml, overrides);
    }
}
