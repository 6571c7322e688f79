package dev.hallmark.ca.tsa;

import dev.hallmark.ca.keys.CertificateTemplates;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.tsp.TimestampAuthority;
import dev.hallmark.core.x509.CertificateLinks;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.KeyPurpose;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TSA's certificates: a self-signed root ({@code O=hallmark, CN=hallmark-tsa-root}) and the signing certificate
 * ({@code O=hallmark, CN=hallmark-tsa}) whose only EKU, timeStamping, is critical (RFC 3161 §2.3), as the trusted
 * root's {@code timestampAuthorities[]} lists them (sigstore.md §7.1). Generated once, stored as PEM, re-created from
 * the PEM on later starts like the Fulcio chain.
 */
public record TsaChain(X509Certificate signingCertificate, X509Certificate root, Signer signer) {
    public static final String ROOT_SUBJECT = "O=hallmark,CN=hallmark-tsa-root";
    public static final String SIGNING_SUBJECT = "O=hallmark,CN=hallmark-tsa";
    public static final Duration VALIDITY = Duration.ofDays(3652);

    public TsaChain {
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(signer, "signer");
        if (!signingCertificate.getPublicKey().equals(signer.publicKey())) {
            throw new IllegalArgumentException("the TSA certificate is not for the signer's key");
        }
        if (!Certificates.isSelfSigned(root) || !CertificateLinks.issuedBy(signingCertificate, root)) {
            throw new IllegalArgumentException("the TSA certificate must be issued by a self-signed root");
        }
    }

    /** Generates both certificates, valid from {@code now} for ten years. */
    public static TsaChain create(Signer rootSigner, Signer signer, Instant now) {
        Instant notAfter = now.plus(VALIDITY);
        X509Certificate root = CertificateTemplates.selfSignedCa(rootSigner, ROOT_SUBJECT, now, notAfter);
        X509Certificate leaf = CertificateTemplates.endEntity(rootSigner, root, signer.publicKey(), SIGNING_SUBJECT, now,
                notAfter, KeyPurpose.TIME_STAMPING);
        return new TsaChain(leaf, root, signer);
    }

    /** Re-creates a stored chain: {@code chainPem} holds the signing certificate, then the root. */
    public static TsaChain fromPem(String chainPem, Signer signer) throws FormatException {
        List<X509Certificate> chain = Certificates.parsePemChain(chainPem);
        if (chain.size() != 2) {
            throw new FormatException("a TSA chain file holds the signing certificate and the root, not " + chain.size());
        }
        try {
            return new TsaChain(chain.get(0), chain.get(1), signer);
        } catch (IllegalArgumentException e) {
            throw new FormatException("stored TSA chain does not fit: " + e.getMessage());
        }
    }

    /** Signing certificate first, root last ({@code GET /api/v1/timestamp/certchain}, trusted root order). */
    public List<X509Certificate> certificates() {
        return List.of(signingCertificate, root);
    }

    public String pem() {
        return Certificates.toPem(signingCertificate) + Certificates.toPem(root);
    }

    /** The TSA as a trusted root lists it, valid from the root's notBefore. */
    public TimestampAuthority authority() {
        return new TimestampAuthority(certificates(), root.getNotBefore().toInstant(), Optional.empty());
    }
}
