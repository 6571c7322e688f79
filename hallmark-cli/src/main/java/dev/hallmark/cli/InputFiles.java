package dev.hallmark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the CLI's input files with a size limit, turning I/O failures into one-line usage errors. */
final class InputFiles {
    private InputFiles() {
    }

    static byte[] read(Path path, long maxBytes, String what) {
        try {
            if (!Files.isRegularFile(path)) {
                throw CliException.usage(what + " " + path + " is not a file");
            }
            if (Files.size(path) > maxBytes) {
                throw CliException.usage(what + " " + path + " is larger than " + maxBytes + " bytes");
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > maxBytes) {
                    throw CliException.usage(what + " " + path + " is larger than " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw CliException.usage(what + " " + path + " does not exist");
        } catch (IOException e) {
            throw CliException.usage("cannot read " + what + " " + path + ": " + e.getMessage());
        }
    }
}
