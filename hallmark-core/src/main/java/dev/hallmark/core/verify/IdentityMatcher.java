package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.FulcioExtension;
import java.util.Map;
import java.util.Optional;

/** Step 6 of sigstore.md §8: the certificate names the expected signer, issuer and extension values. */
final class IdentityMatcher {
    private IdentityMatcher() {
    }

    static void match(FulcioCertificate certificate, CertificateIdentity expected) throws VerificationException {
        String san = certificate.san().value();
        if (!expected.san().matches(san)) {
            throw new VerificationException(IDENTITY_MISMATCH, "certificate identity " + san + " is not " + expected.san());
        }
        Optional<String> issuer = certificate.issuer();
        if (issuer.isEmpty() || !issuer.get().equals(expected.issuer())) {
            throw new VerificationException(ISSUER_MISMATCH, "certificate issuer " + issuer.orElse("(none)") + " is not " + expected.issuer());
        }
        for (Map.Entry<FulcioExtension, String> e : expected.extensions().entrySet()) {
            String actual = certificate.extensions().get(e.getKey());
            if (!e.getValue().equals(actual)) {
                throw new VerificationException(EXTENSION_MISMATCH, e.getKey() + " is " + (actual == null ? "absent" : actual) + ", expected " + e.getValue());
            }
        }
    }
}
