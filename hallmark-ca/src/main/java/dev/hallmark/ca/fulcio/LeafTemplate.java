package dev.hallmark.ca.fulcio;

import dev.hallmark.ca.keys.CaChain;
import dev.hallmark.ca.keys.CertificateTemplates;
import dev.hallmark.core.x509.FulcioExtension;
import dev.hallmark.core.x509.KeyPurpose;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.core.x509.SubjectAlternativeName;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The Fulcio leaf profile (sigstore.md §1.2) built twice from the same fields: once as the precertificate (poison
 * last) and once as the final certificate (SCT list last). Everything else is identical and in the same order, so
 * the final TBS without the SCT list equals the precertificate TBS without the poison: exactly the bytes the log
 * signed (sigstore.md §2.2).
 */
final class LeafTemplate {
    /** RFC 6962 §3.1 precertificate poison, critical, value ASN.1 NULL (sigstore.md §1.4 step 2). */
    static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier(SignedCertificateTimestamp.SCT_LIST_OID);
    private static final X500Name EMPTY_SUBJECT = new X500Name(new RDN[0]);

    record Fields(Principal principal, PublicKey subjectKey, BigInteger serial, Instant notBefore, Instant notAfter) {
    }

    private final CaChain chain;
    private final X500Name issuer;

    LeafTemplate(CaChain chain) {
        this.chain = chain;
        this.issuer = X500Name.getInstance(chain.intermediate().getSubjectX500Principal().getEncoded());
    }

    X509Certificate precertificate(Fields fields) {
        X509v3CertificateBuilder builder = common(fields);
        try {
            builder.addExtension(POISON, true, DERNull.INSTANCE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return CertificateTemplates.sign(builder, chain.intermediateSigner());
    }

    X509Certificate withSct(Fields fields, SignedCertificateTimestamp sct) {
        X509v3CertificateBuilder builder = common(fields);
        try {
            // extnValue = OCTET STRING { TLS SignedCertificateTimestampList } (sigstore.md §2.3)
            builder.addExtension(new Extension(SCT_LIST, false, SctEncoding.listExtensionValue(List.of(sct))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return CertificateTemplates.sign(builder, chain.intermediateSigner());
    }

    private X509v3CertificateBuilder common(Fields fields) {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, fields.serial(),
                CertificateTemplates.seconds(fields.notBefore()), CertificateTemplates.seconds(fields.notAfter()),
                EMPTY_SUBJECT, CertificateTemplates.spki(fields.subjectKey()));
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(KeyPurpose.CODE_SIGNING.oid()))));
            CertificateTemplates.keyIdentifiers(builder, chain.intermediate(), fields.subjectKey());
            // the subject is empty, so the one SAN is critical (RFC 5280 §4.2.1.6, sigstore.md §1.2)
            builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(generalName(fields.principal().san())));
            for (Map.Entry<FulcioExtension, String> entry : fields.principal().extensions().entrySet()) {
                ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(entry.getKey().oid());
                switch (entry.getKey().encoding()) {
                    // 1.1–1.6: raw UTF-8 in extnValue, no ASN.1 wrapper (sigstore.md §1.3)
                    case RAW -> builder.addExtension(new Extension(oid, false, entry.getValue().getBytes(StandardCharsets.UTF_8)));
                    case DER_UTF8_STRING -> builder.addExtension(oid, false, new DERUTF8String(entry.getValue()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode leaf extensions", e);
        }
        return builder;
    }

    private static GeneralName generalName(SubjectAlternativeName san) {
        return switch (san) {
            case SubjectAlternativeName.UriName uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri.value());
            case SubjectAlternativeName.EmailName email -> new GeneralName(GeneralName.rfc822Name, email.value());
            case SubjectAlternativeName.OtherName other -> new GeneralName(GeneralName.otherName,
                    new org.bouncycastle.asn1.x509.OtherName(new ASN1ObjectIdentifier(SubjectAlternativeName.OTHER_NAME_TYPE),
                            new DERUTF8String(other.value())));
        };
    }
}
