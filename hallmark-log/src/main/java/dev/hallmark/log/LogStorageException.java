package dev.hallmark.log;

/** The log's storage failed (disk full, database down, corruption); nothing was acknowledged that is not durable. */
public final class LogStorageException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogStorageException(String message) {
        super(message);
    }
}
