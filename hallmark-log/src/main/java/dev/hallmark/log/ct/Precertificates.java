package dev.hallmark.log.ct;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.x509.Certificates;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The precertificate facts a CT log needs (RFC 6962 §3.1, sigstore.md §1.4 and §2.2): the critical poison extension
 * {@value #POISON_OID} with value ASN.1 NULL marks a precertificate, and the log signs its TBSCertificate with that
 * extension removed, which is the final certificate's TBS without its SCT list.
 */
final class Precertificates {
    static final String POISON_OID = "1.3.6.1.4.1.11129.2.4.3";
    private static final byte[] ASN1_NULL = {0x05, 0x00};

    enum Poison {
        ABSENT,
        VALID,
        /** Present but not critical, or its value is not ASN.1 NULL. */
        MALFORMED
    }

    private Precertificates() {
    }

    static Poison poison(X509Certificate certificate) {
        boolean critical = certificate.getCriticalExtensionOIDs() != null
                && certificate.getCriticalExtensionOIDs().contains(POISON_OID);
        byte[] value = certificate.getExtensionValue(POISON_OID); // the extnValue OCTET STRING, DER
        if (value == null) {
            return Poison.ABSENT;
        }
        boolean isNull = value.length == 4 && value[0] == 0x04 && value[1] == 2 && value[2] == ASN1_NULL[0] && value[3] == ASN1_NULL[1];
        return critical && isNull ? Poison.VALID : Poison.MALFORMED;
    }

    /** The DER SubjectPublicKeyInfo exactly as the certificate carries it (RFC 6962 §3.2 {@code issuer_key_hash}). */
    static byte[] spki(X509Certificate certificate) throws FormatException {
        try {
            return structure(certificate).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new FormatException("cannot encode the subject public key info", e);
        }
    }

    /** The DER TBSCertificate with the poison extension removed and the others kept in order (RFC 6962 §3.2). */
    static Bytes tbsWithoutPoison(X509Certificate precertificate) throws FormatException {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        try {
            for (ASN1Encodable field : ASN1Sequence.getInstance(structure(precertificate).getTBSCertificate())) {
                if (field instanceof ASN1TaggedObject tagged && tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC
                        && tagged.getTagNo() == 3) {
                    Extensions all = Extensions.getInstance(tagged, true);
                    List<Extension> kept = new ArrayList<>();
                    for (ASN1ObjectIdentifier oid : all.getExtensionOIDs()) {
                        if (!oid.getId().equals(POISON_OID)) {
                            kept.add(all.getExtension(oid));
                        }
                    }
                    if (!kept.isEmpty()) {
                        fields.add(new DERTaggedObject(true, 3, new Extensions(kept.toArray(Extension[]::new))));
                    }
                } else {
                    fields.add(field);
                }
            }
            return Bytes.of(new DERSequence(fields).getEncoded(ASN1Encoding.DER));
        } catch (IOException | RuntimeException e) {
            throw new FormatException("cannot rebuild the TBS certificate", e);
        }
    }

    private static Certificate structure(X509Certificate certificate) throws FormatException {
        try {
            return Certificate.getInstance(ASN1Primitive.fromByteArray(Certificates.der(certificate).toArray()));
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed certificate structure", e);
        }
    }
}
