package dev.hallmark.server.tuf;

import java.util.Objects;

/** The TUF repository could not be published or rotated; the message names files and keys, never key material. */
public final class RepositoryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The repository directory could not be read or written. */
        IO,
        /** There is no repository yet (the server creates it at first start). */
        NO_REPOSITORY,
        /** A file of the repository is not valid TUF metadata. */
        CORRUPT,
        /** A key the root lists is not available from key management, or holds another key. */
        KEY_UNAVAILABLE,
        /** A target source offered a name or content the repository refuses. */
        TARGET_INVALID,
        /** What was about to be published does not verify with a TUF client: nothing more is written. */
        SELF_CHECK_FAILED
    }

    private final Reason reason;

    public RepositoryException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
