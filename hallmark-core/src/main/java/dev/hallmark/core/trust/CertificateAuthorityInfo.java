package dev.hallmark.core.trust;

import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate authority or timestamp authority of the trusted root. {@code certChain} runs from the most specific
 * certificate (for a TSA, its signing leaf) to the trust anchor, which comes last and may be an intermediate.
 */
public record CertificateAuthorityInfo(
        String organization,
        String commonName,
        String uri,
        List<Bytes> certChain,
        ValidityPeriod validFor,
        Optional<String> operator) {
    public CertificateAuthorityInfo {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(uri, "uri");
        certChain = List.copyOf(certChain);
        if (certChain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(operator, "operator");
    }
}
