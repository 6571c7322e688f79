package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.x509.CertificateCheckException;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.ChainValidator;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.core.x509.ValidatedChain;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 3 of sigstore.md §8: the leaf chains to a trusted CA at every trusted time, is for code signing, and carries
 * enough embedded SCTs from trusted CT logs.
 */
final class CertificateVerifier {
    private final TrustMaterial trust;
    private final ChainValidator chains;
    private final int ctlogThreshold;

    CertificateVerifier(TrustMaterial trust, int ctlogThreshold) {
        this.trust = trust;
        this.chains = ChainValidator.forCodeSigning(trust.certificateAuthorities);
        this.ctlogThreshold = ctlogThreshold;
    }

    /** Parses a bundle's certificates, leaf first. */
    static List<X509Certificate> parseBundleChain(List<Bytes> ders) throws VerificationException {
        if (ders.isEmpty()) {
            throw new VerificationException(CERTIFICATE_MALFORMED, "empty certificate chain");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Bytes der : ders) {
            try {
                chain.add(Certificates.parseDer(der));
            } catch (FormatException e) {
                throw new VerificationException(CERTIFICATE_MALFORMED, e.getMessage());
            }
        }
        return chain;
    }

    FulcioCertificate verify(X509Certificate leaf, List<X509Certificate> intermediates, List<Instant> times) throws VerificationException {
        FulcioCertificate fulcio;
        try {
            fulcio = FulcioCertificate.parse(leaf);
        } catch (FormatException e) {
            throw new VerificationException(CERTIFICATE_MALFORMED, e.getMessage());
        }
        if (!fulcio.hasCodeSigningEku()) {
            throw new VerificationException(CERTIFICATE_NOT_FOR_CODE_SIGNING, "leaf lacks the codeSigning extended key usage");
        }
        ValidatedChain validated = null;
        for (Instant time : times) {
            try {
                validated = chains.validate(leaf, intermediates, time);
            } catch (CertificateCheckException e) {
                VerificationException.Reason reason = switch (e.reason()) {
                    case EXPIRED, NOT_YET_VALID, CA_NOT_VALID_AT_TIME -> CERTIFICATE_NOT_VALID_AT_SIGNING_TIME;
                    case MISSING_EXTENDED_KEY_USAGE -> CERTIFICATE_NOT_FOR_CODE_SIGNING;
                    case NOT_CHAINED_TO_TRUSTED_CA, BAD_SIGNATURE, NOT_A_CA, UNSUPPORTED_CRITICAL_EXTENSION, PATH_TOO_LONG -> CERTIFICATE_UNTRUSTED;
                };
                throw new VerificationException(reason, "at " + time + ": " + e.getMessage());
            }
        }
        if (validated == null) {
            throw new VerificationException(TIMESTAMP_THRESHOLD_NOT_MET, "no trusted time to check the certificate at");
        }
        checkPresentedChain(intermediates, validated);
        verifyScts(leaf, validated.issuer());
        return fulcio;
    }

    /**
     * The certificates a (v0.1/v0.2) bundle carries beside the leaf must be the trusted chain itself. Old npm bundles
     * carry leaf, intermediate and root, which is harmless when the root is a trusted anchor; a root or intermediate
     * of another chain is refused (conformance bundle-with-root-cert_fail: a production leaf with a staging chain).
     */
    private void checkPresentedChain(List<X509Certificate> presented, ValidatedChain validated) throws VerificationException {
        for (X509Certificate cert : presented) {
            if (trust.trustedCertificates.contains(Certificates.der(cert)) || validated.path().contains(cert)) {
                continue;
            }
            if (Certificates.isSelfSigned(cert)) {
                throw new VerificationException(CERTIFICATE_CHAIN_HAS_ROOT, "the bundle carries a root certificate that is not trusted: "
                        + cert.getSubjectX500Principal().getName());
            }
            throw new VerificationException(CERTIFICATE_UNTRUSTED, "the bundle carries a certificate outside the trusted chain: "
                    + cert.getSubjectX500Principal().getName());
        }
    }

    private void verifyScts(X509Certificate leaf, X509Certificate issuer) throws VerificationException {
        if (ctlogThreshold == 0) {
            return;
        }
        List<SignedCertificateTimestamp> scts;
        try {
            scts = SignedCertificateTimestamp.embedded(leaf);
        } catch (FormatException e) {
            throw new VerificationException(SCT_INVALID, "malformed SCT list: " + e.getMessage());
        }
        if (scts.isEmpty()) {
            throw new VerificationException(SCT_MISSING, "certificate has no embedded SCT");
        }
        int verified = 0;
        for (SignedCertificateTimestamp sct : scts) {
            Instant at = Instant.ofEpochMilli(sct.timestampMillis());
            for (TrustMaterial.Log log : trust.ctlogsWithId(sct.logId())) {
                if (!log.log().publicKey().validFor().contains(at)) {
                    continue;
                }
                try {
                    sct.verify(log.verifier(), leaf, issuer);
                    verified++;
                    break;
                } catch (BadSignatureException e) {
                    // an SCT that does not verify does not count
                }
            }
        }
        if (verified < ctlogThreshold) {
            throw new VerificationException(SCT_INVALID, verified + " embedded SCTs verify against trusted CT logs, " + ctlogThreshold + " required");
        }
    }
}
