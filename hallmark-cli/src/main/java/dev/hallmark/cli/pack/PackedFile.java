package dev.hallmark.cli.pack;

import java.util.Objects;

/**
 * One entry of a packed tarball as npm lists it ("Tarball Contents", {@code npm pack --json} {@code files}): the path
 * inside {@code package/}, the size recorded in the tar header (0 for a hard link) and the mode written there.
 */
public record PackedFile(String path, long size, int mode) {
    public PackedFile {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode out of range");
        }
    }
}
