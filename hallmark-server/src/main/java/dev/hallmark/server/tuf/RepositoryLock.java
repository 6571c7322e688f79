package dev.hallmark.server.tuf;

import dev.hallmark.server.internal.AtomicFiles;
import dev.hallmark.server.tuf.RepositoryException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes writers of one repository: the server's re-signing task and {@code hallmark trust rotate}, in this
 * process and across processes. An OS file lock ({@code DIR/tuf/.lock}, never served) covers other processes; a
 * lock per directory covers threads of this one, where the JDK forbids overlapping file locks.
 */
final class RepositoryLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();
    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock fileLock;

    private RepositoryLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
        this.local = local;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until this caller is the repository's only writer. */
    static RepositoryLock acquire(Path dir) throws RepositoryException {
        ReentrantLock local = LOCAL.computeIfAbsent(dir, d -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            AtomicFiles.createDirectory(dir, false);
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new RepositoryLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            local.unlock();
            throw new RepositoryException(Reason.IO, "cannot lock " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            local.unlock();
        }
    }
}
