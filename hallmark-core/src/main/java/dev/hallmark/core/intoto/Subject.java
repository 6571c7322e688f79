package dev.hallmark.core.intoto;

import dev.hallmark.core.crypto.Digest;
import java.util.Objects;

/** A statement subject: for npm, the package purl and the sha512 of the tarball (npm.md §5, §10). */
public record Subject(String name, DigestSet digest) {
    public Subject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        if (digest.values().isEmpty()) {
            throw new IllegalArgumentException("a subject needs at least one digest");
        }
    }

    public static Subject of(String name, Digest digest) {
        return new Subject(name, new DigestSet(java.util.Map.of(digest.algorithm().shortName(), digest.hex())));
    }
}
