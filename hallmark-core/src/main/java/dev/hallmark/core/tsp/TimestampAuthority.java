package dev.hallmark.core.tsp;

import dev.hallmark.core.x509.Certificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted TSA as the trusted root lists it (sigstore.md §7.1 {@code timestampAuthorities[]}): its chain with the
 * signing certificate FIRST and the trust anchor LAST, and the closed interval in which its timestamps are trusted.
 */
public record TimestampAuthority(List<X509Certificate> chain, Instant validFrom, Optional<Instant> validUntil) {
    public TimestampAuthority {
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (chain.isEmpty() || chain.size() > Certificates.MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("a TSA chain has 1.." + Certificates.MAX_CHAIN_LENGTH + " certificates");
        }
        if (validUntil.isPresent() && validUntil.get().isBefore(validFrom)) {
            throw new IllegalArgumentException("validUntil precedes validFrom");
        }
    }

    /** The certificate whose key signs the tokens. */
    public X509Certificate signingCertificate() {
        return chain.getFirst();
    }

    /** Whether {@code at} lies in [validFrom, validUntil], both ends inclusive (sigstore.md §5 step 6). */
    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && validUntil.map(end -> !at.isAfter(end)).orElse(true);
    }
}
