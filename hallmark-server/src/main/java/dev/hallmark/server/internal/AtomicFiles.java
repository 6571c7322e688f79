package dev.hallmark.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Crash-safe file writes: the content goes to a temporary file in the same directory, is fsync'd, then appears
 * under its name in one step (link or rename), and the directory is fsync'd. A reader sees the old file or the
 * new one, never a torn one. Secret files are created 0600 before the first byte is written.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /** Writes {@code target} unless it exists; returns whether this call created it (the first writer wins). */
    public static boolean writeIfAbsent(Path target, byte[] content, boolean secret) throws IOException {
        Path temp = writeTemp(target, content, secret);
        try {
            Files.createLink(target, temp); // fails if target exists: never overwrites a concurrent writer's file
            syncDirectory(target.toAbsolutePath().getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            if (Files.exists(target)) {
                return false;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.toAbsolutePath().getParent());
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code target}, replacing any previous content atomically. */
    public static void replace(Path target, byte[] content, boolean secret) throws IOException {
        Path temp = writeTemp(target, content, secret);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates a directory (and parents); a private one is 0700, as it holds keys. */
    public static void createDirectory(Path dir, boolean privateDir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (privateDir && posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static Path writeTemp(Path target, byte[] content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(secret ? SECRET : PUBLIC)}
                : new FileAttribute<?>[0];
        if (secret && attrs.length == 0) {
            throw new IOException("cannot create a private file on a file system without POSIX permissions: " + dir);
        }
        // The permissions are part of the creation, so there is no moment when a secret is readable by others.
        Files.createFile(temp, attrs);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Makes a rename or link in {@code dir} durable (POSIX: fsync the directory). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for reading; the rename itself is still atomic there.
            if (posix(dir)) {
                throw e;
            }
        }
    }
}
