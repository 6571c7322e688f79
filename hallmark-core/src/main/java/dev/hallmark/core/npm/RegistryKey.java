package dev.hallmark.core.npm;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.trust.ValidityPeriod;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry signing key as npm sees it (npm.md §6.2): the key ID string npm matches on, the key, and when it
 * stops being valid. {@code usage} is {@code npm:signatures} or {@code npm:attestations} when it came from TUF.
 */
public record RegistryKey(String keyid, PublicKey key, Optional<Instant> expires, Optional<String> usage) {
    public RegistryKey {
        Objects.requireNonNull(keyid, "keyid");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(usage, "usage");
    }

    /** Whether something signed at {@code time} is still covered: npm requires {@code time < expires}. */
    public boolean coversTime(Instant time) {
        return expires.map(time::isBefore).orElse(true);
    }

    /**
     * The key's validity as a closed period: from the beginning of time until just before {@code expires}, since npm
     * accepts a signature made strictly before the expiry.
     */
    public ValidityPeriod validity() {
        return new ValidityPeriod(Instant.EPOCH, expires.map(e -> e.minusNanos(1)));
    }

    public PublicKeyVerifier verifier() throws FormatException {
        return SignatureAlgorithm.defaultFor(key).verifier(key);
    }
}
