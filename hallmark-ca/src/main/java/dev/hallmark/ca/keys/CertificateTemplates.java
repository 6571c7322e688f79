package dev.hallmark.ca.keys;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.KeyPurpose;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * The CA-side certificate shapes Hallmark issues besides Fulcio leaves: self-signed roots, subordinate CAs and the
 * TSA's signing certificate, with the extensions sigstore.md §1.2 lists for CA certificates (keyUsage certSign and
 * crlSign, basicConstraints CA:TRUE, pathlen 0 on the intermediate, SKI/AKI) and RFC 3161 §2.3 for a TSA
 * (timeStamping as the only, critical EKU). Signing goes through {@link SignerContentSigner} only.
 */
public final class CertificateTemplates {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** BouncyCastle's helper keeps one SHA-1 digest inside and is not thread-safe: one per thread. */
    private static final ThreadLocal<BcX509ExtensionUtils> EXTENSION_UTILS = ThreadLocal.withInitial(BcX509ExtensionUtils::new);

    private CertificateTemplates() {
    }

    /**
     * A random positive serial of at most 159 bits: RFC 5280 §4.1.2.2 allows 20 octets, and a 160-bit value with the
     * top bit set would need a 21st (sign) octet. sigstore.md §1.2: the real leaf has 158 bits.
     */
    public static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(159, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    /** X.509 times have whole seconds; truncating first makes a rebuilt TBS byte-identical. */
    public static Date seconds(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A self-signed CA certificate (a root): CA:TRUE without path length, keyCertSign + cRLSign, SKI. */
    public static X509Certificate selfSignedCa(Signer signer, String subject, Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name(subject);
        SubjectPublicKeyInfo spki = spki(signer.publicKey());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, randomSerial(), seconds(notBefore),
                seconds(notAfter), name, spki);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, EXTENSION_UTILS.get().createSubjectKeyIdentifier(spki));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode CA extensions", e);
        }
        return sign(builder, signer);
    }

    /**
     * A subordinate CA signed by {@code issuer}: CA:TRUE with {@code pathLength}, keyCertSign + cRLSign, SKI, AKI,
     * and optionally an EKU (Fulcio's intermediate carries codeSigning, sigstore.md §1.2).
     */
    public static X509Certificate subordinateCa(Signer issuerSigner, X509Certificate issuer, PublicKey subjectKey,
            String subject, Instant notBefore, Instant notAfter, int pathLength, Optional<KeyPurpose> purpose) {
        X509v3CertificateBuilder builder = issued(issuer, subjectKey, subject, notBefore, notAfter);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            if (purpose.isPresent()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposeId(purpose.get())));
            }
            keyIdentifiers(builder, issuer, subjectKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode CA extensions", e);
        }
        return sign(builder, issuerSigner);
    }

    /** An end-entity certificate for one purpose, marked critical as RFC 3161 §2.3 requires of a TSA. */
    public static X509Certificate endEntity(Signer issuerSigner, X509Certificate issuer, PublicKey subjectKey,
            String subject, Instant notBefore, Instant notAfter, KeyPurpose purpose) {
        X509v3CertificateBuilder builder = issued(issuer, subjectKey, subject, notBefore, notAfter);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purposeId(purpose)));
            keyIdentifiers(builder, issuer, subjectKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode end-entity extensions", e);
        }
        return sign(builder, issuerSigner);
    }

    public static SubjectPublicKeyInfo spki(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded());
    }

    /** Signs a builder through our Signer and re-reads the result with core's strict parser. */
    public static X509Certificate sign(X509v3CertificateBuilder builder, Signer signer) {
        X509CertificateHolder holder = builder.build(new SignerContentSigner(signer));
        try {
            return Certificates.parseDer(Bytes.of(holder.getEncoded()));
        } catch (IOException | FormatException e) {
            throw new IllegalStateException("issued certificate does not parse", e);
        }
    }

    /** SKI of the subject key and AKI = the issuer's SKI (sigstore.md §1.2). */
    public static void keyIdentifiers(X509v3CertificateBuilder builder, X509Certificate issuer, PublicKey subjectKey)
            throws IOException {
        builder.addExtension(Extension.subjectKeyIdentifier, false, EXTENSION_UTILS.get().createSubjectKeyIdentifier(spki(subjectKey)));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                EXTENSION_UTILS.get().createAuthorityKeyIdentifier(spki(issuer.getPublicKey())));
    }

    private static X509v3CertificateBuilder issued(X509Certificate issuer, PublicKey subjectKey, String subject,
            Instant notBefore, Instant notAfter) {
        return new X509v3CertificateBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                randomSerial(), seconds(notBefore), seconds(notAfter), new X500Name(subject), spki(subjectKey));
    }

    private static KeyPurposeId purposeId(KeyPurpose purpose) {
        return KeyPurposeId.getInstance(new ASN1ObjectIdentifier(purpose.oid()));
    }
}
