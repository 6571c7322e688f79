package dev.hallmark.registry.store;

/** The registry's database or blob store failed; the operation changed nothing a reader can see. */
public final class RegistryStorageException extends Exception {
    public RegistryStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryStorageException(String message) {
        super(message);
    }
}
