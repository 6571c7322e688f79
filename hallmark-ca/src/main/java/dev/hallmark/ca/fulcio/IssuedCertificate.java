package dev.hallmark.ca.fulcio;

import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** An issued leaf with its SCT embedded, and the chain the API returns: leaf, intermediate, root (sigstore.md §1.1). */
public record IssuedCertificate(List<X509Certificate> chain, SignedCertificateTimestamp sct) {
    public IssuedCertificate {
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        Objects.requireNonNull(sct, "sct");
        if (chain.size() < 2) {
            throw new IllegalArgumentException("an issued chain holds the leaf and at least its issuer");
        }
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }
}
