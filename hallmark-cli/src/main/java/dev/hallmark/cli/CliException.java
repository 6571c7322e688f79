package dev.hallmark.cli;

/** A failure the CLI reports as one line and an exit status. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(Main.EXIT_USAGE, message);
    }

    public static CliException failed(String message) {
        return new CliException(Main.EXIT_FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
