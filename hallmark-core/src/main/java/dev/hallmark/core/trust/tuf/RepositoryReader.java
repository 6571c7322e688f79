package dev.hallmark.core.trust.tuf;

import java.util.Optional;

/**
 * Where a {@link TufClient} reads a repository: HTTP, a directory, a test's map. Paths are relative to the mirror
 * URL ({@code 2.root.json}, {@code timestamp.json}, {@code targets/<sha256>.trusted_root.json}).
 */
@FunctionalInterface
public interface RepositoryReader {
    /**
     * The file's bytes, or empty when the repository answers that it has no such file (HTTP 404 or 403, which end
     * the root walk, TUF §5.3.3). Implementations should stop reading past {@code maxBytes}; the client checks again.
     *
     * @throws TufException with {@link TufException.Reason#FETCH_FAILED} for any other failure
     */
    Optional<byte[]> read(String path, long maxBytes) throws TufException;
}
