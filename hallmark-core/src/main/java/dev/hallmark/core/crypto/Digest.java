package dev.hallmark.core.crypto;

import dev.hallmark.core.FormatException;
import java.util.Objects;

/** A hash value together with the algorithm that made it; the length always matches the algorithm. */
public record Digest(HashAlgorithm algorithm, Bytes value) {
    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        if (value.length() != algorithm.length()) {
            throw new IllegalArgumentException(algorithm + " digest must be " + algorithm.length() + " bytes, not " + value.length());
        }
    }

    /** Builds a digest from wire bytes, rejecting a wrong length as a format error. */
    public static Digest of(HashAlgorithm algorithm, Bytes value) throws FormatException {
        if (value.length() != algorithm.length()) {
            throw new FormatException(algorithm + " digest must be " + algorithm.length() + " bytes, not " + value.length());
        }
        return new Digest(algorithm, value);
    }

    public static Digest sha256(byte[] data) {
        return HashAlgorithm.SHA2_256.digest(data);
    }

    public static Digest sha512(byte[] data) {
        return HashAlgorithm.SHA2_512.digest(data);
    }

    public String hex() {
        return value.hex();
    }

    @Override
    public String toString() {
        return algorithm.shortName() + ":" + value.hex();
    }
}
