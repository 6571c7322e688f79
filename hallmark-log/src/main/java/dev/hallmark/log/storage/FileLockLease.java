package dev.hallmark.log.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Integrator election for the embedded store: an exclusive OS lock on {@code <db>.<log name>.integrator.lock}. Only processes on
 * one host can share a SQLite file, and the kernel releases the lock when the holder dies (even by SIGKILL), so a
 * restarted engine takes over at once.
 */
final class FileLockLease implements IntegratorLease {
    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private FileLock held;

    FileLockLease(Path path) {
        this.path = path;
    }

    @Override
    public boolean tryAcquire() {
        lock.lock();
        try {
            if (held != null && held.isValid()) {
                return true;
            }
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            held = channel.tryLock();
            return held != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false; // another engine (in this JVM or another process) holds it
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (channel != null) {
                channel.close(); // releases the lock
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        } finally {
            channel = null;
            held = null;
            lock.unlock();
        }
    }
}
