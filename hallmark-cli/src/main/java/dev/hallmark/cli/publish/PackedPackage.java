package dev.hallmark.cli.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.cli.CliException;
import dev.hallmark.cli.pack.NodeGzip;
import dev.hallmark.cli.pack.NpmPacker;
import dev.hallmark.cli.pack.PackException;
import dev.hallmark.cli.pack.PackedFile;
import dev.hallmark.cli.pack.PackedTarball;
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
 * A package directory packed as {@code npm pack} packs it ({@link NpmPacker}, {@link NodeGzip}): the same gzipped
 * bytes, so the same sha512 integrity; and package.json as npm publishes it, with the version npm sends
 * ({@code semver.clean}: no leading {@code v} or {@code =}, no build metadata).
 */
public record PackedPackage(Path directory, PackedTarball packed, ObjectNode manifest, byte[] tarball) {
    public PackedPackage {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(packed, "packed");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(tarball, "tarball");
    }

    public static PackedPackage pack(Path directory) {
        PackedTarball packed;
        try {
            packed = NpmPacker.pack(directory);
        } catch (PackException e) {
            throw CliException.usage("cannot pack " + directory.toAbsolutePath().normalize() + ": " + e.getMessage());
        }
        ObjectNode manifest = packed.packageJson();
        manifest.put("version", cleanVersion(packed.manifest().version()));
        return new PackedPackage(directory, packed, manifest, NodeGzip.gzipPortable(packed.tar().toArray()));
    }

    /** npm's {@code semver.clean} for a valid version; anything else is sent as is and the registry refuses it. */
    static String cleanVersion(String version) {
        String v = version.strip().replaceFirst("^[=v]+", "");
        int plus = v.indexOf('+');
        return plus >= 0 ? v.substring(0, plus) : v;
    }

    public String name() {
        return manifest.get("name").asText();
    }

    public String version() {
        return manifest.get("version").asText();
    }

    /** The files in npm's listing order. */
    public List<PackedFile> files() {
        return packed.listing();
    }

    public long unpackedSize() {
        return packed.unpackedSize();
    }

    /** The README npm puts in the version document: a top-level README file, {@code README.md} first. */
    public Optional<String> readme(long maxBytes) {
        Optional<PackedFile> readme = packed.entries().stream()
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
