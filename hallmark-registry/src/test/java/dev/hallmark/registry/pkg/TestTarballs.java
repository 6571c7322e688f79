package dev.hallmark.registry.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds package tarballs for tests with commons-compress: npm-pack-like ones ({@link #npmPackage}), ones from a map of
 * path to bytes ({@link #tgz}), and broken ones through {@link #builder()}. Entries keep the order given; paths are
 * written exactly as given (absolute paths and {@code ..} included), with PAX headers for long or non-ASCII names.
 */
public final class TestTarballs {
    private TestTarballs() {
    }

    /** A .tgz holding one regular file per map entry, in the map's iteration order. */
    public static byte[] tgz(Map<String, byte[]> files) {
        Builder builder = builder();
        files.forEach(builder::file);
        return builder.tgz();
    }

    /** What npm pack makes for a package.json with this name and version plus an index.js, under {@code package/}. */
    public static byte[] npmPackage(String name, String version) {
        return npmPackage(name, version, Map.of("index.js", utf8("module.exports = 42;\n")));
    }

    /**
     * package/package.json with {@code {"name":…,"version":…}} followed by the given files, whose paths are relative
     * to {@code package/}.
     */
    public static byte[] npmPackage(String name, String version, Map<String, byte[]> files) {
        Builder builder = builder().file("package/package.json", packageJson(name, version));
        files.forEach((path, bytes) -> builder.file("package/" + path, bytes));
        return builder.tgz();
    }

    public static byte[] packageJson(String name, String version) {
        return utf8("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}");
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Gzips arbitrary bytes (a tar stream, or deliberately not one). */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Entries in order; {@link #tar()} gives the plain tar stream, {@link #tgz()} the gzip'd one. */
    public static final class Builder {
        /** Not a map: TarArchiveEntry equality is by name, and duplicate names are a case to test. */
        private final List<Item> items = new ArrayList<>();

        private record Item(TarArchiveEntry entry, byte[] bytes) {
        }

        private Builder() {
        }

        public Builder file(String path, byte[] bytes) {
            TarArchiveEntry entry = new TarArchiveEntry(path, true);
            entry.setSize(bytes.length);
            entry.setMode(0644);
            return add(entry, bytes);
        }

        public Builder file(String path, String text) {
            return file(path, utf8(text));
        }

        public Builder directory(String path) {
            TarArchiveEntry entry = new TarArchiveEntry(path.endsWith("/") ? path : path + "/", true);
            entry.setMode(040755);
            return add(entry, new byte[0]);
        }

        public Builder symlink(String path, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK, true);
            entry.setLinkName(target);
            return add(entry, new byte[0]);
        }

        public Builder hardlink(String path, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(path, TarArchiveEntry.LF_LINK, true);
            entry.setLinkName(target);
            return add(entry, new byte[0]);
        }

        /** An entry with any type flag and no data, e.g. {@link TarArchiveEntry#LF_FIFO}. */
        public Builder special(String path, byte typeFlag) {
            return special(path, typeFlag, new byte[0]);
        }

        /** An entry with any type flag and data, e.g. a symbolic link that carries data. */
        public Builder special(String path, byte typeFlag, byte[] bytes) {
            TarArchiveEntry entry = new TarArchiveEntry(path, typeFlag, true);
            entry.setSize(bytes.length);
            return add(entry, bytes);
        }

        /** A global PAX header ({@code 'g'}, as git archive writes), applying to every later entry. */
        public Builder globalPax(Map<String, String> paxHeaders) {
            TarArchiveEntry entry = new TarArchiveEntry("pax_global_header",
                    TarArchiveEntry.LF_PAX_GLOBAL_EXTENDED_HEADER, true);
            paxHeaders.forEach(entry::addPaxHeader);
            return add(entry, null);
        }

        /** A regular file carrying extra PAX headers, e.g. a huge unknown key. */
        public Builder fileWithPax(String path, byte[] bytes, Map<String, String> paxHeaders) {
            TarArchiveEntry entry = new TarArchiveEntry(path, true);
            entry.setSize(bytes.length);
            paxHeaders.forEach(entry::addPaxHeader);
            return add(entry, bytes);
        }

        private Builder add(TarArchiveEntry entry, byte[] bytes) {
            items.add(new Item(entry, bytes == null ? null : bytes.clone()));
            return this;
        }

        public byte[] tar() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                for (Item item : items) {
                    if (item.bytes() == null) {
                        tar.putArchiveEntry(item.entry()); // global PAX: commons writes and closes it at once
                        continue;
                    }
                    tar.putArchiveEntry(item.entry());
                    tar.write(item.bytes());
                    tar.closeArchiveEntry();
                }
                tar.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        public byte[] tgz() {
            return gzip(tar());
        }

        /**
         * The tar stream with one ustar header's name replaced by another of the same length, checksum updated: makes
         * entries commons-compress refuses to write, such as a directory (a name ending in '/') that carries data.
         */
        public byte[] tarRenaming(String from, String to) {
            byte[] tar = tar();
            byte[] old = utf8(from);
            byte[] replacement = utf8(to);
            if (old.length != replacement.length || old.length > 100) {
                throw new IllegalArgumentException("names must have the same length, at most 100 bytes");
            }
            for (int header = 0; header + 512 <= tar.length; header += 512) {
                if (Arrays.equals(tar, header, header + old.length, old, 0, old.length) && tar[header + old.length] == 0) {
                    System.arraycopy(replacement, 0, tar, header, replacement.length);
                    // POSIX ustar chksum: the byte sum of the header with the chksum field read as spaces.
                    Arrays.fill(tar, header + 148, header + 156, (byte) ' ');
                    long sum = 0;
                    for (int i = header; i < header + 512; i++) {
                        sum += tar[i] & 0xff;
                    }
                    byte[] octal = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(octal, 0, tar, header + 148, 8);
                    return tar;
                }
            }
            throw new IllegalArgumentException("no header named " + from);
        }
    }
}
