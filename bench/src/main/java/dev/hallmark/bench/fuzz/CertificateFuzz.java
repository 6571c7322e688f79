package dev.hallmark.bench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.FulcioCertificate;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * X.509 as hallmark-core reads it: one DER certificate ({@link Certificates#parseDer}) or a PEM chain, then the
 * Fulcio view of it (SAN, Fulcio extensions {@code 1.3.6.1.4.1.57264.1.*}) and its embedded SCT list. Each step gives
 * a value or a {@code FormatException}.
 */
public final class CertificateFuzz {
    private CertificateFuzz() {
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        boolean pem = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        List<X509Certificate> certificates;
        try {
            certificates = pem ? Certificates.parsePemChain(new String(input, StandardCharsets.UTF_8))
                    : List.of(Certificates.parseDer(Bytes.of(input)));
        } catch (FormatException e) {
            return;
        }
        for (X509Certificate certificate : certificates) {
            try {
                FulcioCertificate.parse(certificate);
            } catch (FormatException e) {
                // typed refusal
            }
            try {
                SignedCertificateTimestamp.embedded(certificate);
            } catch (FormatException e) {
                // typed refusal
            }
            Certificates.isSelfSigned(certificate);
        }
    }
}
