package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A package directory packed as {@code npm pack} packs it: package.json as published, the gzipped tarball (the same
 * bytes npm makes), and the files in it.
 */
public record PackedPackage(Path directory, ObjectNode manifest, byte[] tarball, List<PackedFile> files) {
    /** One file of the tarball, by its path below {@code package/}. */
    public record PackedFile(String path, long size) {
    }

    public PackedPackage {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(tarball, "tarball");
        files = List.copyOf(files);
    }

    public static PackedPackage pack(Path directory) {
        throw new UnsupportedOperationException("packing arrives with the npm-pack port");
    }

    public String name() {
        return manifest.get("name").asText();
    }

    public String version() {
        return manifest.get("version").asText();
    }

    public long unpackedSize() {
        return files.stream().mapToLong(PackedFile::size).sum();
    }

    /** The README npm would put in the version document: a top-level README file, {@code README.md} first. */
    public Optional<String> readme(long maxBytes) {
        Optional<PackedFile> readme = files.stream()
                .filter(f -> !f.path().contains("/") && f.path().toLowerCase(Locale.ROOT).matches("readme(\\..*)?"))
                .min(Comparator.comparing((PackedFile f) -> !f.path().equalsIgnoreCase("README.md")).thenComparing(PackedFile::path));
        if (readme.isEmpty()) {
            return Optional.empty();
        }
        if (readme.get().size() > maxBytes) {
            throw CliException.usage(readme.get().path() + " is larger than " + maxBytes + " bytes");
        }
        try {
            return Optional.of(Files.readString(directory.resolve(readme.get().path()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.usage("cannot read " + readme.get().path() + ": " + e.getMessage());
        }
    }
}
