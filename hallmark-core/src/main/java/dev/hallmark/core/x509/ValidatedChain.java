package dev.hallmark.core.x509;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The evidence of a successful path validation: the path from the leaf to the trust anchor (leaf first) and the
 * trusted CA it ends in. {@link #issuer()} is the certificate whose key hash an SCT commits to (RFC 6962 §3.2).
 */
public record ValidatedChain(List<X509Certificate> path, CertificateAuthority authority) {
    public ValidatedChain {
        path = List.copyOf(Objects.requireNonNull(path, "path"));
        Objects.requireNonNull(authority, "authority");
        if (path.size() < 2) {
            throw new IllegalArgumentException("a validated path has a leaf and at least one CA certificate");
        }
    }

    public X509Certificate leaf() {
        return path.getFirst();
    }

    /** The certificate that issued the leaf. */
    public X509Certificate issuer() {
        return path.get(1);
    }
}
