package dev.hallmark.core.x509;

import java.security.cert.X509Certificate;

/**
 * One link of a certificate chain checked on its own, for callers that check chains under rules other than
 * {@link ChainValidator}'s: a CT log accepts precertificates (whose critical poison extension a path validator must
 * refuse) and ignores validity periods (RFC 6962 §3.1), yet must still see that each certificate was signed by the
 * next (RFC 6962 §4.1).
 */
public final class CertificateLinks {
    private CertificateLinks() {
    }

    /** Whether {@code child} names {@code issuer} as its issuer and {@code issuer}'s key verifies its signature. */
    public static boolean issuedBy(X509Certificate child, X509Certificate issuer) {
        return child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                && Certificates.signatureVerifies(child, issuer);
    }
}
