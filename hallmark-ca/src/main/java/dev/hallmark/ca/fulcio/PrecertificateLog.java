package dev.hallmark.ca.fulcio;

import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CT log as the CA sees it: RFC 6962 {@code add-pre-chain} (sigstore.md §2.1). The server implements it with
 * hallmark-log's CT personality; the CA never knows whether the log is in-process or remote.
 */
public interface PrecertificateLog {
    /**
     * Logs {@code [precertificate, intermediate, root]} and returns the log's SCT over the precertificate's TBS
     * without the poison extension (sigstore.md §2.2). Thread-safe.
     */
    SignedCertificateTimestamp submit(List<X509Certificate> chain) throws CtSubmissionException;

    /** The log's public key, with which the CA checks every SCT before embedding it (STYLE: check your own outputs). */
    PublicKey publicKey();
}
