package dev.hallmark.core.merkle;

/** A Merkle inclusion or consistency proof is malformed or does not prove what it claims (RFC 9162 §2.1.3, §2.1.4). */
public final class ProofException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a proof was rejected; stable codes that tests and callers switch on. */
    public enum Reason {
        /** The leaf index is not below the tree size. */
        INDEX_OUT_OF_RANGE,
        /** A tree size is negative, or the second size of a consistency proof is below the first. */
        SIZE_OUT_OF_RANGE,
        /** The path has not exactly the number of hashes the sizes imply, or more than 64. */
        WRONG_PATH_LENGTH,
        /** A hash (path element, leaf or root) is not 32 bytes. */
        MALFORMED_HASH,
        /** The proof is well formed but the recomputed root differs from the expected one. */
        ROOT_MISMATCH
    }

    private final Reason reason;

    public ProofException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
