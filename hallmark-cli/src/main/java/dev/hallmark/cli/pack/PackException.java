package dev.hallmark.cli.pack;

import java.util.Objects;

/**
 * Why a package directory could not be packed. Packing fails closed: anything npm would treat in a way this
 * implementation does not reproduce exactly is refused with a reason rather than packed differently.
 */
public final class PackException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Stable failure reasons; tests assert these, not the message text. */
    public enum Reason {
        /** The directory has no readable {@code package.json}. */
        NO_PACKAGE_JSON,
        /** {@code package.json} is not JSON, or a field npm needs has a type npm would crash on. */
        MANIFEST_INVALID,
        /** A package feature this packer refuses rather than approximates (bundled dependencies, workspaces, …). */
        UNSUPPORTED_PACKAGE,
        /** A {@code files} entry or ignore-file line uses glob syntax this packer refuses (extglobs, huge braces). */
        UNSUPPORTED_PATTERN,
        /** More files (or directory entries) than the limit. */
        TOO_MANY_FILES,
        /** Directories nested deeper than the limit. */
        TOO_DEEP,
        /** The selected files add up to more bytes than the limit. */
        TOO_LARGE,
        /** A file name that cannot be packed faithfully (not valid UTF-8, or too long for a tar header). */
        UNSUPPORTED_NAME,
        /** A file changed while it was being packed. */
        FILE_CHANGED,
        /** Reading the directory failed. */
        IO_ERROR
    }

    private final Reason reason;

    public PackException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PackException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
