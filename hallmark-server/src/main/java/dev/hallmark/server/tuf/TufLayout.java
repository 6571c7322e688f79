package dev.hallmark.server.tuf;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.trust.tuf.Metadata;
import dev.hallmark.core.trust.tuf.Role;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.core.trust.tuf.Root;
import dev.hallmark.core.trust.tuf.TufClient;
import dev.hallmark.core.trust.tuf.TufCodec;
import dev.hallmark.server.internal.AtomicFiles;
import dev.hallmark.server.tuf.RepositoryException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of {@code DIR/tuf/}, in the consistent-snapshot layout clients fetch from {@code <public-url>/tuf}
 * (sigstore.md §7.3): {@code <N>.root.json} for every root, {@code root.json} (the newest root, what clients start
 * from), {@code timestamp.json}, {@code <N>.snapshot.json}, {@code <N>.targets.json} and
 * {@code targets/[dir/]<sha256>.<name>}. Versioned files and targets are written once and never change.
 */
public final class TufLayout {
    public static final String ROOT = "root.json";
    /** Largest file the layout reads or serves. */
    static final int MAX_FILE = 8 * 1024 * 1024;
    private static final Pattern VERSIONED = Pattern.compile("([1-9][0-9]{0,18})\\.(root|snapshot|targets)\\.json");
    /** One path segment of a target: no hidden names, no {@code ..}, nothing a shell or URL would reinterpret. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+:-][A-Za-z0-9._@+:-]{0,254}");

    private final Path dir;

    public TufLayout(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The newest root, {@code <N>.root.json} with the highest N. */
    public Optional<Metadata<Root>> latestRoot() throws RepositoryException {
        long version = maxVersion(RoleType.ROOT);
        return version == 0 ? Optional.empty() : read(version + "." + ROOT, Root.class);
    }

    /** The highest N of the {@code <N>.<role>.json} files present (0 when none). */
    public long maxVersion(RoleType role) throws RepositoryException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                    .filter(m -> m.matches() && m.group(2).equals(role.jsonName()))
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
        } catch (IOException e) {
            throw new RepositoryException(Reason.IO, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    public <T extends Role> Optional<Metadata<T>> read(String name, Class<T> type) throws RepositoryException {
        Optional<byte[]> bytes = bytes(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TufCodec.parse(bytes.get(), type, TufClient.MAX_TARGETS_BYTES));
        } catch (FormatException e) {
            throw new RepositoryException(Reason.CORRUPT, dir.resolve(name) + ": " + e.getMessage());
        }
    }

    /** A file of the repository by its path relative to the mirror URL; empty if absent or not a repository path. */
    public Optional<byte[]> bytes(String relative) throws RepositoryException {
        Optional<Path> path = resolve(relative);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (Files.size(path.get()) > MAX_FILE) {
                throw new RepositoryException(Reason.CORRUPT, path.get() + " is larger than " + MAX_FILE + " bytes");
            }
            return Optional.of(Files.readAllBytes(path.get()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RepositoryException(Reason.IO, "cannot read " + path.get() + ": " + e.getMessage());
        }
    }

    /**
     * The file for a mirror path, if the path is one a TUF client may ask for: {@code root.json},
     * {@code timestamp.json}, {@code <N>.<role>.json}, or {@code targets/} followed by plain segments. Anything else
     * (dot segments, hidden files, the lock file) is not part of the repository.
     */
    public Optional<Path> resolve(String relative) {
        if (relative.equals(ROOT) || relative.equals(RoleType.TIMESTAMP.fileName()) || VERSIONED.matcher(relative).matches()) {
            return Optional.of(dir.resolve(relative));
        }
        if (!validTargetPath(relative)) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve(relative));
    }

    /** {@code targets/} and 1..8 plain segments, at most 1024 characters in all. */
    static boolean validTargetPath(String relative) {
        if (!relative.startsWith("targets/") || relative.length() > 1024) {
            return false;
        }
        String[] segments = relative.substring("targets/".length()).split("/", -1);
        return segments.length <= 8 && Arrays.stream(segments).allMatch(s -> SEGMENT.matcher(s).matches());
    }

    /** Writes a file that must never change: a second write of the same bytes is fine, of other bytes an error. */
    void writeOnce(String relative, byte[] content) throws RepositoryException {
        Path path = resolve(relative).orElseThrow(() -> new RepositoryException(Reason.TARGET_INVALID, "not a repository path: " + relative));
        try {
            AtomicFiles.createDirectory(path.getParent(), false);
            if (!AtomicFiles.writeIfAbsent(path, content, false) && !Arrays.equals(Files.readAllBytes(path), content)) {
                throw new RepositoryException(Reason.CORRUPT, path + " exists with other content; versioned files never change");
            }
        } catch (IOException e) {
            throw new RepositoryException(Reason.IO, "cannot write " + path + ": " + e.getMessage());
        }
    }

    /** Replaces one of the two unversioned files, {@code timestamp.json} or {@code root.json}, atomically. */
    void replace(String name, byte[] content) throws RepositoryException {
        if (!name.equals(ROOT) && !name.equals(RoleType.TIMESTAMP.fileName())) {
            throw new IllegalArgumentException(name + " is versioned");
        }
        try {
            AtomicFiles.createDirectory(dir, false);
            AtomicFiles.replace(dir.resolve(name), content, false);
        } catch (IOException e) {
            throw new RepositoryException(Reason.IO, "cannot write " + dir.resolve(name) + ": " + e.getMessage());
        }
    }
}
