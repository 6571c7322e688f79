package dev.hallmark.registry.pkg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the publish pipeline needs from a package tarball, read by {@link TarballInspector}.
 *
 * @param packageJson the root's package.json as published (a private copy; the accessor returns another)
 * @param name package.json {@code name}, unvalidated text: compare it with {@link PackageName#full()}
 * @param version package.json {@code version}, unvalidated text: npm publishes {@code SemVer.clean(version)}
 * @param fileCount regular files, {@code dist.fileCount}
 * @param unpackedSize sum of regular file sizes in bytes, {@code dist.unpackedSize}
 * @param readme the readme's text (UTF-8, malformed bytes replaced), if the root holds one
 * @param readmeFilename its file name relative to the root, e.g. {@code README.md}
 */
public record TarballContents(ObjectNode packageJson, String name, String version, int fileCount, long unpackedSize,
                              Optional<String> readme, Optional<String> readmeFilename) {
    public TarballContents {
        packageJson = Objects.requireNonNull(packageJson, "packageJson").deepCopy();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(readme, "readme");
        Objects.requireNonNull(readmeFilename, "readmeFilename");
        if (fileCount < 0 || unpackedSize < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (readme.isPresent() != readmeFilename.isPresent()) {
            throw new IllegalArgumentException("readme and readmeFilename go together");
        }
    }

    /** A copy: the record stays immutable although Jackson trees are not. */
    @Override
    public ObjectNode packageJson() {
        return packageJson.deepCopy();
    }
}
