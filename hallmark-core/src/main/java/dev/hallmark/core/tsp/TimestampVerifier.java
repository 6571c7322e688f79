package dev.hallmark.core.tsp;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.tsp.TimestampException.Reason;
import dev.hallmark.core.x509.CertificateAuthority;
import dev.hallmark.core.x509.CertificateCheckException;
import dev.hallmark.core.x509.ChainValidator;
import dev.hallmark.core.x509.KeyPurpose;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Verifies RFC 3161 timestamps against the trusted root's TSAs (sigstore.md §5): the imprint must be the hash of the
 * given bytes (the bundle's signature), the signer must be a trusted TSA's signing certificate (by signer identifier
 * and ESSCertID(v2) hash; an embedded certificate is never trusted by itself), the CMS signature must verify, and the
 * TSA chain must be valid at genTime, which must also lie within the TSA's validFor.
 *
 * <p>Built once from the trust material; each TSA's chain is checked at construction. Thread-safe.
 */
public final class TimestampVerifier {
    private record Candidate(TimestampAuthority authority, X509CertificateHolder leaf, byte[] leafDer,
            Optional<SignerInformationVerifier> signatureVerifier, Optional<ChainValidator> chain) {
    }

    /** A private, unregistered BouncyCastle provider: two to three times faster than the JDK's ECDSA on JDK 25. */
    private static final class BouncyCastle {
        static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    private final List<Candidate> candidates;
    private final DigestCalculatorProvider digests;

    private TimestampVerifier(List<Candidate> candidates, DigestCalculatorProvider digests) {
        this.candidates = candidates;
        this.digests = digests;
    }

    public static TimestampVerifier create(List<TimestampAuthority> authorities) {
        List<Candidate> candidates = new ArrayList<>();
        for (TimestampAuthority tsa : List.copyOf(authorities)) {
            X509Certificate leaf = tsa.signingCertificate();
            byte[] der;
            try {
                der = leaf.getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("TSA certificate cannot be encoded", e);
            }
            Optional<SignerInformationVerifier> verifier;
            try {
                verifier = Optional.of(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(leaf.getPublicKey()));
            } catch (OperatorCreationException e) {
                verifier = Optional.empty(); // unusable key: every token from it fails as BAD_SIGNATURE
            }
            Optional<ChainValidator> chain = tsa.chain().size() < 2 ? Optional.empty()
                    : Optional.of(ChainValidator.create(List.of(new CertificateAuthority(tsa.chain().subList(1, tsa.chain().size()),
                            tsa.validFrom(), tsa.validUntil())), Optional.of(KeyPurpose.TIME_STAMPING)));
            try {
                candidates.add(new Candidate(tsa, new X509CertificateHolder(der), der, verifier, chain));
            } catch (IOException e) {
                throw new IllegalArgumentException("TSA certificate cannot be read", e);
            }
        }
        try {
            return new TimestampVerifier(List.copyOf(candidates), new JcaDigestCalculatorProviderBuilder().build());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("JDK lacks digest support", e);
        }
    }

    /** Parses a DER TimeStampResp (as in a bundle's {@code signedTimestamp}) and verifies it; parse errors are MALFORMED. */
    public VerifiedTimestamp verify(Bytes timeStampResponse, Bytes stampedBytes) throws TimestampException {
        TimestampToken token;
        try {
            token = TimestampToken.parseResponse(timeStampResponse);
        } catch (FormatException e) {
            throw new TimestampException(Reason.MALFORMED, e.getMessage());
        }
        return verify(token, stampedBytes);
    }

    /**
     * Verifies a token over {@code stampedBytes}: for Sigstore, the raw bytes of the bundle's signature. The signer
     * is identified first, so a token from an unknown TSA reports UNTRUSTED_TSA whatever it stamps.
     */
    public VerifiedTimestamp verify(TimestampToken token, Bytes stampedBytes) throws TimestampException {
        SignerInformation signer = token.signerInformation();
        List<Candidate> matching = candidates.stream().filter(c -> signer.getSID().match(c.leaf())).toList();
        if (matching.isEmpty()) {
            throw new TimestampException(Reason.UNTRUSTED_TSA, "no trusted TSA matches the token's signer");
        }
        if (!token.messageImprint().algorithm().digest(stampedBytes).equals(token.messageImprint())) {
            throw new TimestampException(Reason.IMPRINT_MISMATCH, "the token stamps other data");
        }
        TimestampException best = null;
        for (Candidate candidate : matching) {
            try {
                return check(token, signer, candidate);
            } catch (TimestampException e) {
                if (best == null || e.reason().ordinal() > best.reason().ordinal()) {
                    best = e;
                }
            }
        }
        throw best;
    }

    private VerifiedTimestamp check(TimestampToken token, SignerInformation signer, Candidate candidate) throws TimestampException {
        if (!certIdMatches(signer, candidate.leafDer())) {
            throw new TimestampException(Reason.UNTRUSTED_TSA, "signing certificate hash does not match the trusted TSA");
        }
        if (candidate.signatureVerifier().isEmpty() || !signatureVerifies(signer, candidate.signatureVerifier().get())) {
            throw new TimestampException(Reason.BAD_SIGNATURE, "CMS signature does not verify with the TSA key");
        }
        Instant genTime = token.genTime();
        TimestampAuthority tsa = candidate.authority();
        if (candidate.chain().isPresent()) {
            try {
                candidate.chain().get().validate(tsa.signingCertificate(), List.of(), genTime);
            } catch (CertificateCheckException e) {
                throw new TimestampException(switch (e.reason()) {
                    case EXPIRED, NOT_YET_VALID -> Reason.CERT_NOT_VALID_AT_GENTIME;
                    case CA_NOT_VALID_AT_TIME -> Reason.OUTSIDE_TSA_VALIDITY;
                    case MISSING_EXTENDED_KEY_USAGE -> Reason.MISSING_TIMESTAMPING_EKU;
                    default -> Reason.INVALID_TSA_CHAIN;
                }, e.getMessage());
            }
        } else {
            X509Certificate leaf = tsa.signingCertificate();
            if (!tsa.validAt(genTime)) {
                throw new TimestampException(Reason.OUTSIDE_TSA_VALIDITY, "genTime " + genTime + " outside the TSA's validFor");
            }
            if (genTime.isBefore(leaf.getNotBefore().toInstant()) || genTime.isAfter(leaf.getNotAfter().toInstant())) {
                throw new TimestampException(Reason.CERT_NOT_VALID_AT_GENTIME, "TSA certificate not valid at " + genTime);
            }
            if (!hasTimeStamping(leaf)) {
                throw new TimestampException(Reason.MISSING_TIMESTAMPING_EKU, "TSA certificate lacks timeStamping");
            }
        }
        return new VerifiedTimestamp(genTime, tsa, token);
    }

    private static boolean signatureVerifies(SignerInformation signer, SignerInformationVerifier verifier) {
        try {
            // checks the content-type and message-digest attributes against the TSTInfo, then the signature
            synchronized (signer) { // SignerInformation keeps the computed digest in a field while verifying
                return signer.verify(verifier);
            }
        } catch (CMSException | RuntimeException e) {
            return false;
        }
    }

    /** RFC 5816 / RFC 2634 §5.4: the signed attributes name the signing certificate by hash (and optionally issuer/serial). */
    private boolean certIdMatches(SignerInformation signer, byte[] leafDer) {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            return false;
        }
        try {
            Attribute v2 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(single(v2)).getCerts()[0];
                return hashMatches(id.getHashAlgorithm(), id.getCertHash(), leafDer);
            }
            Attribute v1 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
            if (v1 != null) {
                ESSCertID id = SigningCertificate.getInstance(single(v1)).getCerts()[0];
                return hashMatches(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), id.getCertHash(), leafDer);
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ASN1Encodable single(Attribute attribute) {
        if (attribute.getAttrValues().size() != 1) {
            throw new IllegalArgumentException("signing certificate attribute must have one value");
        }
        return attribute.getAttrValues().getObjectAt(0);
    }

    private boolean hashMatches(AlgorithmIdentifier algorithm, byte[] expected, byte[] certificate) {
        try {
            DigestCalculator calculator = digests.get(algorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(certificate);
            }
            return Bytes.of(calculator.getDigest()).equals(Bytes.of(expected));
        } catch (OperatorCreationException | IOException e) {
            return false;
        }
    }

    private static boolean hasTimeStamping(X509Certificate certificate) {
        try {
            List<String> ekus = certificate.getExtendedKeyUsage();
            return ekus != null && ekus.contains(KeyPurpose.TIME_STAMPING.oid());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }
}
