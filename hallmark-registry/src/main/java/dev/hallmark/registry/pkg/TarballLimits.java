package dev.hallmark.registry.pkg;

/**
 * Bounds on what {@link TarballInspector} reads from one untrusted tarball. Every bound is inclusive.
 *
 * @param maxCompressedBytes the .tgz itself; the caller should refuse larger uploads before decoding them
 * @param maxUnpackedBytes the sum of regular file sizes ({@code dist.unpackedSize}); the decompressed tar stream, with
 *     headers, padding and trailing blocks, may exceed it by {@link #tarOverheadBytes()}
 * @param maxEntries tar entries of any type
 * @param maxPackageJsonBytes {@code package/package.json}
 * @param maxReadmeBytes the readme file chosen for the packument
 */
public record TarballLimits(long maxCompressedBytes, long maxUnpackedBytes, int maxEntries, long maxPackageJsonBytes,
                            long maxReadmeBytes) {
    private static final long MIB = 1024L * 1024;
    /** Headers and padding per entry, plus pax/GNU long-name records, rounded up generously. */
    private static final long OVERHEAD_PER_ENTRY = 2048;
    /** End-of-archive blocks and the rest of the last 10 KiB tar record, with room to spare. */
    private static final long OVERHEAD_FIXED = MIB;

    public TarballLimits {
        positive(maxCompressedBytes, "maxCompressedBytes");
        positive(maxUnpackedBytes, "maxUnpackedBytes");
        positive(maxEntries, "maxEntries");
        positive(maxPackageJsonBytes, "maxPackageJsonBytes");
        positive(maxReadmeBytes, "maxReadmeBytes");
        // Both files are held in memory as one array.
        if (maxPackageJsonBytes > Integer.MAX_VALUE - 8 || maxReadmeBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("package.json and readme limits must fit in a byte array");
        }
        if (maxUnpackedBytes > Long.MAX_VALUE / 4) {
            throw new IllegalArgumentException("maxUnpackedBytes is out of range");
        }
    }

    /**
     * The defaults: 64 MiB compressed, 256 MiB unpacked, 100,000 entries, 1 MiB package.json, 1 MiB readme.
     */
    public static TarballLimits defaults() {
        return new TarballLimits(64 * MIB, 256 * MIB, 100_000, MIB, MIB);
    }

    /** The most bytes the gzip stream may decompress to: a bomb stops here whatever its headers claim. */
    public long maxTarStreamBytes() {
        return maxUnpackedBytes + tarOverheadBytes();
    }

    public long tarOverheadBytes() {
        return OVERHEAD_PER_ENTRY * maxEntries + OVERHEAD_FIXED;
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
