package dev.hallmark.cli.pack;

/**
 * Bounds on what one pack may read, so a stray huge or deep tree fails fast with a clear reason instead of exhausting
 * memory: the tarball is built in memory.
 *
 * @param maxFiles   files selected for the tarball
 * @param maxEntries directory entries examined while selecting (ignored directories are not entered, so this is
 *                   about the tree npm would walk, not the whole disk)
 * @param maxBytes   total size of the selected files
 * @param maxDepth   directory nesting below the package root
 */
public record PackLimits(int maxFiles, int maxEntries, long maxBytes, int maxDepth) {
    /** The largest tarball this packer builds at all (it lives in one Java array). */
    public static final long HARD_MAX_BYTES = 1L << 30;

    public static final PackLimits DEFAULT = new PackLimits(100_000, 1_000_000, 256L * 1024 * 1024, 512);

    public PackLimits {
        if (maxFiles < 1 || maxEntries < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxBytes < 0 || maxBytes > HARD_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes must be between 0 and " + HARD_MAX_BYTES);
        }
    }

    public PackLimits withMaxBytes(long bytes) {
        return new PackLimits(maxFiles, maxEntries, bytes, maxDepth);
    }

    public PackLimits withMaxFiles(int files) {
        return new PackLimits(files, maxEntries, maxBytes, maxDepth);
    }
}
