package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.crypto.Bytes;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A METAFILES entry (TUF §4.4, §4.6): the version of a metadata file and, optionally, its length and hashes, which
 * the client then checks before parsing the file (§5.5.2, §5.6.2).
 *
 * @param hashes by TUF algorithm name ({@code sha256}, {@code sha512}); possibly empty
 */
public record MetaFile(long version, OptionalLong length, Map<String, Bytes> hashes) {
    public MetaFile {
        if (version < 1) {
            throw new IllegalArgumentException("meta version must be at least 1");
        }
        if (length.isPresent() && length.getAsLong() < 0) {
            throw new IllegalArgumentException("meta length must not be negative");
        }
        hashes = RoleChecks.hashes(hashes);
    }

    public static MetaFile ofVersion(long version) {
        return new MetaFile(version, OptionalLong.empty(), Map.of());
    }
}
