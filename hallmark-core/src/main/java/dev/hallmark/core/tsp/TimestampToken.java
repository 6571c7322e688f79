package dev.hallmark.core.tsp;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.x509.Certificates;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * A parsed RFC 3161 timestamp token (a CMS SignedData over a TSTInfo), as carried in a bundle's
 * {@code rfc3161Timestamps[].signedTimestamp} (sigstore.md §5). Parsing checks structure only; the signature, the
 * imprint and the TSA are {@link TimestampVerifier}'s job. Immutable.
 */
public final class TimestampToken {
    /** Real replies are 0.7–6 KiB (the larger ones embed a chain); 64 KiB bounds the CMS parser's work. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_EMBEDDED_CERTIFICATES = Certificates.MAX_CHAIN_LENGTH;

    private final Bytes encoded;
    private final SignerInformation signer;
    private final Instant genTime;
    private final Digest messageImprint;
    private final Optional<BigInteger> nonce;
    private final String policy;
    private final BigInteger serialNumber;
    private final List<X509Certificate> embeddedCertificates;

    private TimestampToken(Bytes encoded, TimeStampToken token) throws FormatException {
        this.encoded = encoded;
        this.signer = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
        TimeStampTokenInfo info = token.getTimeStampInfo();
        this.genTime = info.getGenTime().toInstant();
        this.messageImprint = Digest.of(hashAlgorithm(info.getMessageImprintAlgOID()), Bytes.of(info.getMessageImprintDigest()));
        this.nonce = Optional.ofNullable(info.getNonce());
        this.policy = info.getPolicy().getId();
        this.serialNumber = info.getSerialNumber();
        List<X509Certificate> certs = new ArrayList<>();
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            if (certs.size() == MAX_EMBEDDED_CERTIFICATES) {
                throw new FormatException("more than " + MAX_EMBEDDED_CERTIFICATES + " embedded certificates");
            }
            try {
                certs.add(Certificates.parseDer(Bytes.of(holder.getEncoded())));
            } catch (IOException e) {
                throw new FormatException("malformed embedded certificate", e);
            }
        }
        this.embeddedCertificates = List.copyOf(certs);
    }

    /** Parses a DER {@code TimeStampResp}; its status must be granted or grantedWithMods (RFC 3161 §2.4.2). */
    public static TimestampToken parseResponse(Bytes timeStampRespDer) throws FormatException {
        try {
            TimeStampResp response = TimeStampResp.getInstance(strictDer(timeStampRespDer));
            int status = response.getStatus().getStatus().intValue();
            if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
                throw new FormatException("timestamp request was not granted (status " + status + ")");
            }
            ContentInfo token = response.getTimeStampToken();
            if (token == null) {
                throw new FormatException("granted response without a token");
            }
            return fromContentInfo(Bytes.of(token.getEncoded(ASN1Encoding.DER)), token);
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed timestamp response", e);
        }
    }

    /** Parses a bare token: the DER {@code ContentInfo} holding the SignedData. */
    public static TimestampToken parseToken(Bytes contentInfoDer) throws FormatException {
        try {
            return fromContentInfo(contentInfoDer, ContentInfo.getInstance(strictDer(contentInfoDer)));
        } catch (RuntimeException e) {
            throw new FormatException("malformed timestamp token", e);
        }
    }

    private static TimestampToken fromContentInfo(Bytes encoded, ContentInfo contentInfo) throws FormatException {
        try {
            // BouncyCastle checks: SignedData, exactly one signer, eContentType id-ct-TSTInfo, an ESSCertID(v2)
            return new TimestampToken(encoded, new TimeStampToken(new CMSSignedData(contentInfo)));
        } catch (TSPException | CMSException | IOException | RuntimeException e) {
            throw new FormatException("malformed timestamp token", e);
        }
    }

    private static ASN1Primitive strictDer(Bytes der) throws FormatException {
        if (der.length() > MAX_BYTES) {
            throw new FormatException("timestamp larger than " + MAX_BYTES + " bytes");
        }
        try {
            return ASN1Primitive.fromByteArray(der.toArray()); // rejects trailing data
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed ASN.1", e);
        }
    }

    private static HashAlgorithm hashAlgorithm(ASN1ObjectIdentifier oid) throws FormatException {
        if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
            return HashAlgorithm.SHA2_256;
        }
        if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
            return HashAlgorithm.SHA2_384;
        }
        if (NISTObjectIdentifiers.id_sha512.equals(oid)) {
            return HashAlgorithm.SHA2_512;
        }
        throw new FormatException("unsupported message imprint hash " + oid);
    }

    /** The time the TSA asserts; trustworthy only once {@link TimestampVerifier} accepted the token. */
    public Instant genTime() {
        return genTime;
    }

    /** The hash of the stamped data: in Sigstore, of the bundle's signature bytes (sigstore.md §5). */
    public Digest messageImprint() {
        return messageImprint;
    }

    public Optional<BigInteger> nonce() {
        return nonce;
    }

    /** The TSA policy OID (public-good Sigstore TSA: 1.3.6.1.4.1.57264.2). */
    public String policy() {
        return policy;
    }

    public BigInteger serialNumber() {
        return serialNumber;
    }

    /** Certificates the TSA embedded on request; informational, trust comes only from the trusted root. */
    public List<X509Certificate> embeddedCertificates() {
        return embeddedCertificates;
    }

    /** The DER ContentInfo of the token. */
    public Bytes encoded() {
        return encoded;
    }

    SignerInformation signerInformation() {
        return signer;
    }

    @Override
    public String toString() {
        return "TimestampToken[genTime=" + genTime + ", imprint=" + messageImprint + ", serial=" + serialNumber + "]";
    }
}
