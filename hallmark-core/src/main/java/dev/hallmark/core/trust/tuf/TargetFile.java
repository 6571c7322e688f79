package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.crypto.Bytes;
import java.util.Map;

/**
 * A TARGETS entry (TUF §4.5): the exact length and at least one hash of a target file. The optional {@code custom}
 * object is not modelled; signatures are checked over the file as received, so nothing is lost by that.
 */
public record TargetFile(long length, Map<String, Bytes> hashes) {
    public TargetFile {
        if (length < 0) {
            throw new IllegalArgumentException("target length must not be negative");
        }
        hashes = RoleChecks.hashes(hashes);
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one hash");
        }
    }
}
