package dev.hallmark.core.crypto;

/** A signature did not verify (or could not be checked at all) under the given key and scheme. */
public final class BadSignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadSignatureException(String message) {
        super(message);
    }
}
