package dev.hallmark.core.note;

/** A signed note did not verify under the given keys (C2SP signed-note "Signatures"). */
public final class NoteException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the note was rejected; stable codes for callers and tests. */
    public enum Reason {
        /** The verified text is not of the expected form (e.g. not a checkpoint). */
        MALFORMED,
        /** No signature line belongs to a known (name, key ID) pair and verifies. */
        NO_KNOWN_SIGNATURE,
        /** A signature line of a known key does not verify; the whole note is rejected. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public NoteException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
