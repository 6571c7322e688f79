package dev.hallmark.registry.upstream;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a version's {@code dist} promises about its tarball (npm.md §3): the strongest hash of {@code dist.integrity}
 * (W3C Subresource Integrity; ssri, which npm uses, checks only the strongest algorithm present and accepts any of its
 * values) and {@code dist.shasum} (hex SHA-1, npm's fallback when there is no integrity). Every part present must
 * match: an upstream cannot pass bytes that satisfy one field and contradict the other.
 *
 * @param algorithm the SRI algorithm checked (sha512, sha384, sha256 or sha1), empty when only a shasum is given
 * @param sriValues the digests of that algorithm, any of which may match
 * @param shasum the SHA-1 from {@code dist.shasum}
 */
public record DistDigest(Optional<String> algorithm, List<Bytes> sriValues, Optional<Bytes> shasum) {
    /** Strongest first; what SRI §3.3.3 calls the "getPrioritizedHashFunction" order. */
    private static final List<String> ALGORITHMS = List.of("sha512", "sha384", "sha256", "sha1");

    public DistDigest {
        Objects.requireNonNull(algorithm, "algorithm");
        sriValues = List.copyOf(sriValues);
        Objects.requireNonNull(shasum, "shasum");
        if (algorithm.isEmpty() != sriValues.isEmpty() || (algorithm.isEmpty() && shasum.isEmpty())) {
            throw new IllegalArgumentException("a dist digest needs an integrity or a shasum");
        }
    }

    /**
     * Reads {@code dist.integrity} and {@code dist.shasum}; either may be absent, not both. An integrity naming no
     * algorithm we know counts as absent (as in ssri); a malformed value of a known one is an error.
     */
    public static DistDigest parse(Optional<String> integrity, Optional<String> shasum) throws FormatException {
        Optional<String> best = Optional.empty();
        List<Bytes> values = new ArrayList<>();
        if (integrity.isPresent()) {
            String[] parts = integrity.get().strip().split("\\s+");
            for (String algorithm : ALGORITHMS) {
                for (String part : parts) {
                    if (part.startsWith(algorithm + "-")) {
                        values.add(decodeSri(algorithm, part.substring(algorithm.length() + 1)));
                    }
                }
                if (!values.isEmpty()) {
                    best = Optional.of(algorithm);
                    break;
                }
            }
        }
        Optional<Bytes> sha1 = Optional.empty();
        if (shasum.isPresent()) {
            String hex = shasum.get().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{40}")) {
                throw new FormatException("dist.shasum is not 40 hex digits");
            }
            sha1 = Optional.of(Bytes.of(HexFormat.of().parseHex(hex)));
        }
        if (best.isEmpty() && sha1.isEmpty()) {
            throw new FormatException("dist has neither a usable integrity nor a shasum");
        }
        return new DistDigest(best, values, sha1);
    }

    /** Whether the bytes are the tarball {@code dist} describes. */
    public boolean matches(byte[] tarball) {
        if (algorithm.isPresent()) {
            Bytes actual = Bytes.of(digest(algorithm.get(), tarball));
            if (sriValues.stream().noneMatch(actual::equals)) {
                return false;
            }
        }
        return shasum.isEmpty() || shasum.get().equals(Bytes.of(digest("sha1", tarball)));
    }

    /** A stable description of what is checked, kept with a cached tarball. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        algorithm.ifPresent(a -> sriValues.forEach(v -> text.append(a).append('-')
                .append(v.base64()).append(' ')));
        shasum.ifPresent(s -> text.append("shasum-").append(s.hex()));
        return text.toString().strip();
    }

    private static Bytes decodeSri(String algorithm, String value) throws FormatException {
        int options = value.indexOf('?'); // SRI §3.5 allows "?opt" after the digest; none is defined
        String b64 = options >= 0 ? value.substring(0, options) : value;
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new FormatException("dist.integrity has malformed base64 for " + algorithm);
        }
        if (digest.length != digest(algorithm, new byte[0]).length) {
            throw new FormatException("dist.integrity has a " + algorithm + " digest of the wrong length");
        }
        return Bytes.of(digest);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        String jca = switch (algorithm) {
            case "sha512" -> "SHA-512";
            case "sha384" -> "SHA-384";
            case "sha256" -> "SHA-256";
            case "sha1" -> "SHA-1";
            default -> throw new IllegalArgumentException(algorithm);
        };
        try {
            return MessageDigest.getInstance(jca).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is a required JCA algorithm", e);
        }
    }
}
