package dev.hallmark.cli.pack;

import dev.hallmark.cli.pack.PackException.Reason;
import dev.hallmark.core.crypto.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs a package directory into the tar {@code npm pack} (npm 11.x: pacote 21, npm-packlist 10, node-tar 7) builds,
 * byte for byte before compression, so that a publish from Hallmark and one from npm upload the same tarball.
 *
 * <p>What npm does, and so this does: entries are {@code package/<path>} for the files {@link PackageFiles} selects,
 * in that order, with no directory entries; every mtime is 1985-10-26T08:15:00Z; modes keep only the permission bits,
 * made owner-readable-writable and not group- or world-writable; uid, gid and owner names are empty; package.json is
 * stored as its original bytes (npm does not rewrite it). Two quirks are kept on purpose: the "make bins executable"
 * rule compares {@code bin} targets with the path minus its first segment (so {@code bin/cli.js} is not made
 * executable but {@code x/bin/cli.js} is when {@code bin} names {@code bin/cli.js}), and a file hard-linked to an
 * earlier entry becomes a hard-link entry pointing at it.
 */
public final class NpmPacker {
    /** pacote's fixed entry time, chosen because zip tools are confused by the Unix epoch. */
    public static final Instant MTIME = Instant.parse("1985-10-26T08:15:00Z");
    private static final String PREFIX = "package/";

    private NpmPacker() {
    }

    public static PackedTarball pack(Path dir) throws PackException {
        return pack(dir, PackLimits.DEFAULT);
    }

    public static PackedTarball pack(Path dir, PackLimits limits) throws PackException {
        Path root = dir.toAbsolutePath().normalize();
        PackageManifest manifest = PackageManifest.read(root, readPackageJson(root));
        List<PackageFiles.Selected> selected = PackageFiles.select(root, manifest, limits);
        long expected = 1024;
        for (PackageFiles.Selected s : selected) {
            expected += 1536 + s.size();
        }
        TarWriter tar = new TarWriter(MTIME.getEpochSecond(), (int) Math.min(expected, Integer.MAX_VALUE - 8));
        List<PackedFile> entries = new ArrayList<>(selected.size());
        Map<String, String> firstLinkOf = new HashMap<>();
        long total = 0;
        for (PackageFiles.Selected s : selected) {
            Path file = root.resolve(s.path());
            Map<String, Object> attrs = unixAttributes(file);
            if (!Boolean.TRUE.equals(attrs.get("isRegularFile"))) {
                throw new PackException(Reason.FILE_CHANGED, s.path() + " is no longer a regular file");
            }
            int mode = (Integer) attrs.get("mode") & 07777;
            if (isPackageBin(manifest, s.path())) {
                mode |= 0111;
            }
            mode = (mode | 0600) & ~022;
            String entryPath = PREFIX + s.path();
            if ((Integer) attrs.get("nlink") > 1) {
                String key = attrs.get("dev") + ":" + attrs.get("ino");
                String first = firstLinkOf.putIfAbsent(key, s.path());
                if (first != null) {
                    tar.hardLink(entryPath, PREFIX + first, mode);
                    entries.add(new PackedFile(s.path(), 0, mode));
                    continue;
                }
            }
            long size = (Long) attrs.get("size");
            total += size;
            if (total > limits.maxBytes()) {
                throw new PackException(Reason.TOO_LARGE, "the files to pack are larger than " + limits.maxBytes() + " bytes");
            }
            byte[] content = read(file, size);
            tar.file(entryPath, mode, content);
            entries.add(new PackedFile(s.path(), size, mode));
        }
        return new PackedTarball(Bytes.of(tar.finish()), manifest, entries);
    }

    private static byte[] readPackageJson(Path root) throws PackException {
        Path path = root.resolve("package.json");
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(path)) {
                throw new PackException(Reason.UNSUPPORTED_PACKAGE,
                        "package.json must be a regular file (not a link or a directory)");
            }
            throw new PackException(Reason.NO_PACKAGE_JSON, "no package.json in " + root);
        }
        try {
            if (Files.size(path) > PackageManifest.MAX_BYTES) {
                throw new PackException(Reason.MANIFEST_INVALID, "package.json is larger than "
                        + PackageManifest.MAX_BYTES + " bytes");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new PackException(Reason.NO_PACKAGE_JSON, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> unixAttributes(Path file) throws PackException {
        try {
            return Files.readAttributes(file, "unix:mode,ino,dev,nlink,size,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new PackException(Reason.FILE_CHANGED, file + " disappeared while packing");
        } catch (IOException | UnsupportedOperationException e) {
            throw new PackException(Reason.IO_ERROR, "cannot stat " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, long size) throws PackException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) size);
            if (content.length != size || in.read() != -1) {
                throw new PackException(Reason.FILE_CHANGED, file + " changed size while packing");
            }
            return content;
        } catch (IOException e) {
            throw new PackException(Reason.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * pacote's isPackageBin, written for tarball paths ({@code package/bin/x}) but called with paths relative to the
     * package: it drops everything up to the first slash before comparing with the {@code bin} targets.
     */
    static boolean isPackageBin(PackageManifest manifest, String path) {
        String tarPath = path.startsWith("@") ? "./" + path : path;
        int slash = tarPath.indexOf('/');
        int backslash = tarPath.indexOf('\\');
        String compared = slash >= 0 && (backslash < 0 || slash < backslash) ? tarPath.substring(slash + 1) : tarPath;
        return manifest.binTargets().contains(compared);
    }
}
