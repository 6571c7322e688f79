package dev.hallmark.ca.fulcio;

import dev.hallmark.ca.fulcio.IssuanceException.Reason;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.io.IOException;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.CertificationRequest;

/**
 * PKCS#10 requests as Fulcio takes them (sigstore.md §1.1): only the public key matters, the subject is ignored, and
 * the request's self-signature over {@code certificationRequestInfo} is the proof of possession. The signature is
 * checked with our typed verifiers, so the scheme must be one a subject key may use (ECDSA with its curve's hash,
 * Ed25519, RSA PKCS#1 v1.5 SHA-256).
 */
final class CertificateRequests {
    /** A CSR for an RSA-4096 key with a few attributes is under 2 KiB of PEM. */
    static final int MAX_PEM_CHARS = 16 * 1024;

    private CertificateRequests() {
    }

    /** The checked key of a PEM CSR whose self-signature verifies. */
    static SubjectKey verifiedKey(String pem) throws IssuanceException {
        if (pem.length() > MAX_PEM_CHARS) {
            throw new IssuanceException(Reason.MALFORMED_CSR, "the certificate request is too large");
        }
        CertificationRequest request;
        PublicKey key;
        byte[] info;
        try {
            byte[] der = Keys.pemBlock(pem, "CERTIFICATE REQUEST");
            request = CertificationRequest.getInstance(ASN1Primitive.fromByteArray(der)); // trailing bytes refused
            info = request.getCertificationRequestInfo().getEncoded(ASN1Encoding.DER);
            key = Keys.publicKeyFromDer(Bytes.of(request.getCertificationRequestInfo().getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER)));
        } catch (FormatException | IOException | RuntimeException e) {
            throw new IssuanceException(Reason.MALFORMED_CSR, "the certificate request does not parse");
        }
        SubjectKey subjectKey = SubjectKey.of(key);
        String oid = request.getSignatureAlgorithm().getAlgorithm().getId();
        SignatureAlgorithm scheme = null;
        for (SignatureAlgorithm candidate : SignatureAlgorithm.values()) {
            if (candidate.isX509SignatureAlgorithm(oid)) {
                scheme = candidate;
            }
        }
        if (scheme == null) {
            throw new IssuanceException(Reason.INVALID_PROOF_OF_POSSESSION, "unsupported certificate request signature algorithm");
        }
        try {
            scheme.verifier(key).verify(info, request.getSignature().getOctets());
        } catch (FormatException | BadSignatureException | RuntimeException e) {
            throw new IssuanceException(Reason.INVALID_PROOF_OF_POSSESSION, "the certificate request signature does not verify");
        }
        return subjectKey;
    }
}
