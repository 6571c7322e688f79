package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.crypto.Bytes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The invariants every role record shares, checked in their compact constructors. */
final class RoleChecks {
    private RoleChecks() {
    }

    static void common(String specVersion, long version, Instant expires) {
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(expires, "expires");
        // TUF §4.2: "spec_version" is SemVer; a client supports the major version it implements (1).
        if (!specVersion.matches("1\\.[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("unsupported spec_version " + specVersion);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, not " + version);
        }
    }

    /** Hash maps name algorithms as TUF does (sha256, sha512); values are non-empty. */
    static Map<String, Bytes> hashes(Map<String, Bytes> hashes) {
        Map<String, Bytes> copy = Map.copyOf(hashes);
        copy.forEach((name, value) -> {
            if (name.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("empty hash name or value");
            }
        });
        return copy;
    }
}
