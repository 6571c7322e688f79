package dev.hallmark.registry.pkg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an npm package tarball (a gzip'd tar) once, in memory-bounded streaming fashion, and returns what the publish
 * pipeline needs: package.json, {@code dist.fileCount}, {@code dist.unpackedSize} and the readme.
 *
 * <p>Layout: npm pack puts everything under {@code package/}; pacote unpacks with {@code strip: 1}, so any single
 * top-level folder works. The first path segment of the first entry is taken as the root and every other entry must
 * be under it; {@code <root>/package.json} must be a regular file, present once.
 *
 * <p>Anything unsafe or beyond {@link TarballLimits} is refused with a {@link FormatException}, the only exception this
 * class throws: non-gzip or truncated data (the whole gzip stream is read, so its CRC and length trailer are checked),
 * non-tar data, paths that could escape the package folder ({@link EntryPath}), links pointing outside it, device and
 * FIFO entries, sparse files, duplicate paths, too many entries, too many unpacked bytes, and a decompressed stream
 * longer than {@link TarballLimits#maxTarStreamBytes()} (a decompression bomb stops there, whatever its headers say).
 * commons-compress holds PAX records and GNU long names in memory, so one entry's headers are bounded by
 * {@value #MAX_HEADER_BYTES} bytes, and so are the unknown PAX keys an entry carries (global ones accumulate).
 *
 * <p>Readme: among the regular files directly in the root named README or README.ext (any case), a markdown one
 * (README.md, .markdown, …) wins, then a bare README, then any other; ties go to the first in the archive. This follows
 * {@code @npmcli/package-json} lib/normalize.js, which npm uses to fill {@code readme} and {@code readmeFilename}.
 */
public final class TarballInspector {
    /** Readme candidates: README or README.ext, any case (npm globs {@code {README,README.*}} with nocase). */
    private static final Pattern README = Pattern.compile("readme(\\.[^.]*)?", Pattern.CASE_INSENSITIVE);
    /** @npmcli/package-json lib/normalize.js prefers a markdown readme: {@code /\.m?a?r?k?d?o?w?n?$/i}. */
    private static final Pattern MARKDOWN_README = Pattern.compile("readme\\.m?a?r?k?d?o?w?n?", Pattern.CASE_INSENSITIVE);

    /**
     * Header bytes per entry (ustar header, PAX records, GNU long names), and extended PAX data kept per entry. npm pack
     * writes one 512-byte header, plus a PAX record for long or non-ASCII paths; 64 KiB leaves ample room.
     */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private TarballInspector() {
    }

    public static TarballContents inspect(byte[] tgz, TarballLimits limits) throws FormatException {
        Objects.requireNonNull(limits, "limits");
        if (tgz == null) {
            throw new FormatException("no tarball");
        }
        if (tgz.length > limits.maxCompressedBytes()) {
            throw new FormatException("tarball of " + tgz.length + " bytes exceeds the limit of "
                    + limits.maxCompressedBytes() + " bytes");
        }
        // RFC 1952 §2.3.1: ID1 ID2 = 1f 8b. Checked up front for a clear message.
        if (tgz.length < 2 || (tgz[0] & 0xff) != 0x1f || (tgz[1] & 0xff) != 0x8b) {
            throw new FormatException("tarball is not gzip data");
        }
        try {
            return new Scan(limits).run(tgz);
        } catch (IOException | RuntimeException e) {
            // commons-compress and java.util.zip report bad input as IOException or RuntimeException alike.
            CappedInputStream.CapExceeded cap = cause(e, CappedInputStream.CapExceeded.class);
            if (cap != null && cap.window()) {
                throw new FormatException("tarball entry headers exceed " + MAX_HEADER_BYTES + " bytes", e);
            }
            if (cap != null) {
                throw new FormatException("tarball decompresses to more than " + limits.maxTarStreamBytes()
                        + " bytes", e);
            }
            if (cause(e, EOFException.class) != null) {
                throw new FormatException("tarball is truncated", e);
            }
            throw new FormatException("tarball is not a valid gzip'd tar: " + describe(e), e);
        }
    }

    /** The state of one pass over the entries. */
    private static final class Scan {
        private final TarballLimits limits;
        private final Set<String> seen = new HashSet<>();
        private String root;
        private int entries;
        private int fileCount;
        private long unpackedSize;
        private ObjectNode packageJson;
        private String readmeName;
        private int readmeRank;
        private long readmeSize;
        private byte[] readmeBytes;

        Scan(TarballLimits limits) {
            this.limits = limits;
        }

        TarballContents run(byte[] tgz) throws IOException, FormatException {
            CappedInputStream tarStream = new CappedInputStream(
                    new GZIPInputStream(new ByteArrayInputStream(tgz), 64 * 1024), limits.maxTarStreamBytes());
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name());
            long previousSize = 0;
            while (true) {
                // Everything commons-compress reads in getNextEntry() beyond the previous entry's data is header:
                // ustar blocks, PAX records, GNU long names. It holds those in memory, so they get a bound of their own.
                tarStream.window(blocks(previousSize) + MAX_HEADER_BYTES);
                TarArchiveEntry entry = tar.getNextEntry();
                tarStream.closeWindow();
                if (entry == null) {
                    break;
                }
                previousSize = entry.getSize();
                visit(entry, tar);
            }
            // Read to the end of the gzip stream: GZIPInputStream checks the CRC-32 and ISIZE trailer only there.
            tarStream.transferTo(OutputStream.nullOutputStream());
            return finish();
        }

        private void visit(TarArchiveEntry entry, InputStream data) throws IOException, FormatException {
            if (++entries > limits.maxEntries()) {
                throw new FormatException("tarball has more than " + limits.maxEntries() + " entries");
            }
            byte type = entry.getLinkFlag();
            // Not entry.isDirectory(): it also calls a link whose name ends in '/' a folder, and node-tar would not.
            boolean directory = type == TarArchiveEntry.LF_DIR || ((type == TarArchiveEntry.LF_NORMAL
                    || type == TarArchiveEntry.LF_OLDNORM) && entry.getName().endsWith("/"));
            EntryPath path = EntryPath.parse(entry.getName(), directory);
            if (root == null) {
                root = path.root();
            }
            if (!path.root().equals(root) || (path.segments().size() == 1 && !directory)) {
                throw new FormatException("tarball entry " + path + " is outside the package folder " + root + "/");
            }
            if (extendedHeaderChars(entry) > MAX_HEADER_BYTES) {
                // Unknown PAX keys, local or global; commons-compress keeps global ones for every later entry.
                throw new FormatException("tarball entry " + path + " has more than " + MAX_HEADER_BYTES
                        + " bytes of extended headers");
            }
            boolean regular = !directory && (type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM
                    || type == TarArchiveEntry.LF_CONTIG);
            if (!regular && entry.getSize() != 0) {
                throw new FormatException("tarball entry " + path + " is not a regular file but has data");
            }
            if (directory) {
                return;
            }
            String relative = path.relative();
            if (relative.equals("package.json") && !regular) {
                throw new FormatException("package.json must be a regular file");
            }
            if (relative.equals("package.json") && packageJson != null) {
                throw new FormatException("tarball has more than one package.json");
            }
            if (!seen.add(String.join("/", path.segments()))) {
                throw new FormatException("tarball has two entries for " + path);
            }
            if (type == TarArchiveEntry.LF_SYMLINK) {
                path.checkSymlinkTarget(entry.getLinkName(), root);
            } else if (type == TarArchiveEntry.LF_LINK) {
                EntryPath target = EntryPath.parse(entry.getLinkName(), false);
                if (!target.root().equals(root) || target.segments().size() == 1) {
                    throw new FormatException("hard link points outside the package: " + path);
                }
            } else if (regular && entry.isSparse()) {
                throw new FormatException("tarball entry " + path + " is a sparse file");
            } else if (regular) {
                regularFile(path, entry.getSize(), data);
            } else {
                throw new FormatException("tarball entry " + path + " has an unsupported type '"
                        + (char) (type >= 0x20 && type < 0x7f ? type : '?') + "'");
            }
        }

        private void regularFile(EntryPath path, long size, InputStream data) throws IOException, FormatException {
            if (size < 0) {
                throw new FormatException("tarball entry " + path + " has a negative size");
            }
            unpackedSize += size;
            if (unpackedSize > limits.maxUnpackedBytes()) {
                throw new FormatException("tarball unpacks to more than " + limits.maxUnpackedBytes() + " bytes");
            }
            fileCount++;
            if (path.relative().equals("package.json")) {
                if (size > limits.maxPackageJsonBytes()) {
                    throw new FormatException("package.json is " + size + " bytes, over the limit of "
                            + limits.maxPackageJsonBytes());
                }
                try {
                    packageJson = Json.parseObject(readExactly(data, size), (int) limits.maxPackageJsonBytes());
                } catch (FormatException e) {
                    throw new FormatException("package.json: " + e.getMessage(), e);
                }
            } else if (path.isDirectlyInRoot() && README.matcher(path.relative()).matches()) {
                int rank = MARKDOWN_README.matcher(path.relative()).matches() ? 0
                        : path.relative().equalsIgnoreCase("readme") ? 1 : 2;
                if (readmeName == null || rank < readmeRank) {
                    readmeName = path.relative();
                    readmeRank = rank;
                    readmeSize = size;
                    // An oversized candidate fails the scan only if nothing better follows.
                    readmeBytes = size <= limits.maxReadmeBytes() ? readExactly(data, size) : null;
                }
            }
            // Other files' data is skipped by the next getNextEntry(), still through the capped stream.
        }

        private TarballContents finish() throws FormatException {
            if (packageJson == null) {
                throw new FormatException("tarball has no package.json in its package folder"
                        + (root == null ? " (the tarball is empty)" : " " + root + "/"));
            }
            String name;
            String version;
            try {
                name = Json.requireNonEmptyText(packageJson, "name");
                version = Json.requireNonEmptyText(packageJson, "version");
            } catch (FormatException e) {
                throw new FormatException("package.json: " + e.getMessage(), e);
            }
            if (readmeName != null && readmeBytes == null) {
                throw new FormatException(readmeName + " is " + readmeSize + " bytes, over the readme limit of "
                        + limits.maxReadmeBytes());
            }
            Optional<String> readme = Optional.ofNullable(readmeBytes).map(b -> new String(b, StandardCharsets.UTF_8));
            return new TarballContents(packageJson, name, version, fileCount, unpackedSize, readme,
                    Optional.ofNullable(readmeName));
        }
    }

    /** Tar data occupies whole 512-byte blocks (POSIX ustar). */
    private static long blocks(long size) {
        return size < 0 || size > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (size + 511) / 512 * 512;
    }

    private static long extendedHeaderChars(TarArchiveEntry entry) {
        long chars = 0;
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            chars += header.getKey().length() + header.getValue().length();
        }
        return chars;
    }

    private static byte[] readExactly(InputStream in, long size) throws IOException {
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length != size) {
            throw new EOFException("tar entry shorter than its header says");
        }
        return bytes;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
