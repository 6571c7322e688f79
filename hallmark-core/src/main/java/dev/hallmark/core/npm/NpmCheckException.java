package dev.hallmark.core.npm;

import java.util.Objects;

/** An npm-level check failed; the reasons mirror the error codes pacote and {@code npm audit signatures} use. */
public final class NpmCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** A registry signature or attestation names a key the registry does not list (EMISSINGSIGNATUREKEY). */
        MISSING_SIGNATURE_KEY,
        /** The key expired before the signature was made (EEXPIREDSIGNATUREKEY). */
        EXPIRED_SIGNATURE_KEY,
        /** {@code name@version:integrity} does not verify under the key (EINTEGRITYSIGNATURE). */
        INTEGRITY_SIGNATURE_INVALID,
        /** The attestation's subject is not this package version or tarball (EATTESTATIONSUBJECT). */
        ATTESTATION_SUBJECT_MISMATCH,
        /** The attestation bundle does not verify (EATTESTATIONVERIFY). */
        ATTESTATION_INVALID,
    }

    private final Reason reason;

    public NpmCheckException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
