package dev.hallmark.registry.store;

import dev.hallmark.core.crypto.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as files named by the hex SHA-512 of their content, under two levels of fan-out directories. A put writes a
 * temporary file, fsyncs it, renames it into place atomically and fsyncs the directory (DESIGN.md "Storage"), so a
 * crash leaves either no file or the whole file.
 */
public final class FileBlobStore implements BlobStore {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{128}");
    private final Path root;

    public FileBlobStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public String put(byte[] data) throws RegistryStorageException {
        String key = Digest.sha512(data).hex();
        Path target = path(key);
        if (Files.isRegularFile(target)) {
            return key; // same key, same bytes
        }
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".put-", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(data);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the blob directory does not support atomic rename", e);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
            return key;
        } catch (IOException e) {
            throw new RegistryStorageException("cannot store a blob", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws RegistryStorageException {
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RegistryStorageException("cannot read a blob", e);
        }
    }

    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key + ".tgz");
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
