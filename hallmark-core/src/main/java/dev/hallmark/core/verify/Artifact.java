package dev.hallmark.core.verify;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import java.util.Objects;
import java.util.Optional;

/** What was signed, as the caller knows it: the artifact's bytes, or only a digest of them. */
public sealed interface Artifact {

    /** The digest of the artifact with the given algorithm, if it can be known. */
    Optional<Digest> digest(HashAlgorithm algorithm);

    record Content(Bytes bytes) implements Artifact {
        public Content {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public Optional<Digest> digest(HashAlgorithm algorithm) {
            return Optional.of(algorithm.digest(bytes));
        }
    }

    record DigestOnly(Digest digest) implements Artifact {
        public DigestOnly {
            Objects.requireNonNull(digest, "digest");
        }

        @Override
        public Optional<Digest> digest(HashAlgorithm algorithm) {
            return digest.algorithm() == algorithm ? Optional.of(digest) : Optional.empty();
        }
    }
}
