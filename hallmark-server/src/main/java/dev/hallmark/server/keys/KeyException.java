package dev.hallmark.server.keys;

import java.util.Objects;

/** A managed key could not be provided. The message names the key, never its material. */
public final class KeyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The key store could not be read or written. */
        IO,
        /** The stored key is not a PKCS#8 key this build reads. */
        MALFORMED,
        /** The stored key is of another algorithm than the one asked for. */
        ALGORITHM_MISMATCH,
        /** The key file is readable or writable by others than its owner: fail closed rather than use a leaked key. */
        INSECURE_PERMISSIONS
    }

    private final Reason reason;

    public KeyException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
