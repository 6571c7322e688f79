package dev.hallmark.core;

/**
 * The one exception every hallmark-core parser throws: the input is not of the format it claims to be.
 * Anything else escaping a parser is a bug.
 */
public final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
