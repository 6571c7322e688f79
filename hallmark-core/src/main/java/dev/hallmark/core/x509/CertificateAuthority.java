package dev.hallmark.core.x509;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted CA as the trusted root lists it (sigstore.md §7.1 {@code certificateAuthorities[]}): its chain, most
 * specific first, whose LAST certificate is the trust anchor (possibly an intermediate), and the closed interval
 * in which the root's owners vouch for it.
 */
public record CertificateAuthority(List<X509Certificate> chain, Instant validFrom, Optional<Instant> validUntil) {
    public CertificateAuthority {
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (chain.isEmpty() || chain.size() > Certificates.MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("a CA chain has 1.." + Certificates.MAX_CHAIN_LENGTH + " certificates");
        }
        if (validUntil.isPresent() && validUntil.get().isBefore(validFrom)) {
            throw new IllegalArgumentException("validUntil precedes validFrom");
        }
    }

    /** The trust anchor: the last certificate of the chain. */
    public X509Certificate anchor() {
        return chain.getLast();
    }

    /** Whether {@code at} lies in [validFrom, validUntil], both ends inclusive (sigstore.md §7.1). */
    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && validUntil.map(end -> !at.isAfter(end)).orElse(true);
    }
}
