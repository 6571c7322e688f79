package dev.hallmark.log.rekor;

import java.util.Objects;

/**
 * A proposed entry the log refuses to record (Rekor answers 400). The reason is stable so tests and metrics can tell the
 * failure modes apart; the message is written for the client.
 */
public final class EntryRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not JSON, a field missing or of the wrong type, bad base64/hex/PEM/DER, a digest of the wrong length. */
        MALFORMED,
        /** A kind or apiVersion this log does not accept (including the deprecated Rekor v2 {@code dsseRequestV002}). */
        UNSUPPORTED_KIND,
        /** The key cannot sign this kind of entry: unknown key type, pure Ed25519 over a digest, keyDetails not the key's. */
        UNSUPPORTED_KEY,
        /** The entry carries no signature, or no verifier for one. */
        UNSIGNED,
        /** A signature does not verify with the key or certificate the entry names. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public EntryRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
