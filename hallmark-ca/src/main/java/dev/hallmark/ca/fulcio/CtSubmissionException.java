package dev.hallmark.ca.fulcio;

/** The CT log refused or failed to log a precertificate chain; the CA answers 500 (sigstore.md §1.1). */
public final class CtSubmissionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CtSubmissionException(String message) {
        super(message);
    }

    public CtSubmissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
