package dev.hallmark.core.x509;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * An RFC 6962 v1 signed certificate timestamp as embedded in a Fulcio leaf (sigstore.md §2.2, §2.3): the CT log's
 * promise to log the precertificate. Verifying it proves the certificate was submitted to a trusted log.
 *
 * @param version       0 (v1); other versions are skipped when parsing, as RFC 6962 §3.3 requires of clients
 * @param logId         SHA-256 of the log's SubjectPublicKeyInfo; matches {@code ctlogs[].logId.keyId}
 * @param hashAlgorithm TLS HashAlgorithm code (4 = sha256)
 * @param signatureAlgorithm TLS SignatureAlgorithm code (1 = rsa, 3 = ecdsa)
 */
public record SignedCertificateTimestamp(int version, Bytes logId, long timestampMillis, Bytes extensions,
        int hashAlgorithm, int signatureAlgorithm, Bytes signature) {
    public static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
    /** A handful of SCTs is normal (Fulcio embeds one); more than this is not a real certificate. */
    static final int MAX_SCTS = 16;
    private static final int TLS_SHA256 = 4;
    private static final int TLS_RSA = 1;
    private static final int TLS_ECDSA = 3;

    public SignedCertificateTimestamp {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(signature, "signature");
        if (version < 0 || version > 255 || hashAlgorithm < 0 || hashAlgorithm > 255 || signatureAlgorithm < 0 || signatureAlgorithm > 255) {
            throw new IllegalArgumentException("version and algorithm codes are u8");
        }
        if (logId.length() != 32) {
            throw new IllegalArgumentException("log ID must be 32 bytes");
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("timestamp must be non-negative");
        }
        if (extensions.length() > 0xffff || signature.length() > 0xffff) {
            throw new IllegalArgumentException("extensions and signature are u16-length fields");
        }
    }

    /** The v1 SCTs embedded in the leaf's SCT-list extension; empty when the extension is absent. */
    public static List<SignedCertificateTimestamp> embedded(X509Certificate leaf) throws FormatException {
        Extensions extensions = Certificates.structure(leaf).getTBSCertificate().getExtensions();
        Extension extension = extensions == null ? null : extensions.getExtension(new ASN1ObjectIdentifier(SCT_LIST_OID));
        if (extension == null) {
            return List.of();
        }
        byte[] list;
        try {
            // extnValue holds a DER OCTET STRING whose content is the TLS SignedCertificateTimestampList (§2.3)
            list = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(extension.getExtnValue().getOctets())).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new FormatException("SCT list extension is not an OCTET STRING", e);
        }
        return parseList(list);
    }

    /** Parses a TLS {@code SignedCertificateTimestampList}: u16 length, then u16-prefixed serialized SCTs. */
    static List<SignedCertificateTimestamp> parseList(byte[] list) throws FormatException {
        ByteBuffer in = ByteBuffer.wrap(list);
        int total = u16(in);
        if (total != in.remaining() || total == 0) {
            throw new FormatException("SCT list length does not match its content");
        }
        List<SignedCertificateTimestamp> scts = new ArrayList<>();
        while (in.hasRemaining()) {
            int length = u16(in);
            if (length == 0 || length > in.remaining()) {
                throw new FormatException("truncated SCT");
            }
            ByteBuffer item = in.slice(in.position(), length);
            in.position(in.position() + length);
            if (scts.size() == MAX_SCTS) {
                throw new FormatException("more than " + MAX_SCTS + " SCTs");
            }
            int version = item.get() & 0xff;
            if (version == 0) {
                scts.add(parseV1(item));
            }
        }
        return List.copyOf(scts);
    }

    private static SignedCertificateTimestamp parseV1(ByteBuffer in) throws FormatException {
        if (in.remaining() < 32 + 8 + 2) {
            throw new FormatException("truncated SCT");
        }
        Bytes logId = take(in, 32);
        long timestamp = in.getLong();
        if (timestamp < 0) {
            throw new FormatException("SCT timestamp out of range");
        }
        Bytes extensions = take(in, u16(in));
        if (in.remaining() < 4) {
            throw new FormatException("truncated SCT signature");
        }
        int hash = in.get() & 0xff;
        int sig = in.get() & 0xff;
        Bytes signature = take(in, u16(in));
        if (in.hasRemaining()) {
            throw new FormatException("trailing bytes after SCT signature");
        }
        return new SignedCertificateTimestamp(0, logId, timestamp, extensions, hash, sig, signature);
    }

    private static int u16(ByteBuffer in) throws FormatException {
        if (in.remaining() < 2) {
            throw new FormatException("truncated SCT data");
        }
        return in.getShort() & 0xffff;
    }

    private static Bytes take(ByteBuffer in, int length) throws FormatException {
        if (length > in.remaining()) {
            throw new FormatException("truncated SCT data");
        }
        byte[] out = new byte[length];
        in.get(out);
        return Bytes.of(out);
    }

    /**
     * The bytes the log signed for a precertificate entry (sigstore.md §2.2, RFC 6962 §3.2): version, signature
     * type, timestamp, entry type 1, SHA-256 of the issuer's SPKI, the leaf's TBS with the SCT list removed, and the
     * SCT extensions.
     */
    public byte[] signedData(X509Certificate leaf, X509Certificate issuer) throws FormatException {
        byte[] issuerKeyHash = HashAlgorithm.SHA2_256.digest(spki(issuer)).value().toArray();
        byte[] tbs = precertificateTbs(leaf);
        byte[] ext = extensions.toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(tbs.length + ext.length + 64);
        out.write(0); // sct_version v1
        out.write(0); // signature_type certificate_timestamp
        out.writeBytes(ByteBuffer.allocate(8).putLong(timestampMillis).array());
        out.write(0); // entry_type precert_entry (u16 = 1)
        out.write(1);
        out.writeBytes(issuerKeyHash);
        if (tbs.length > 0xffffff) {
            throw new FormatException("TBS certificate too large for a u24 length");
        }
        out.write(tbs.length >>> 16);
        out.write(tbs.length >>> 8);
        out.write(tbs.length);
        out.writeBytes(tbs);
        out.write(ext.length >>> 8);
        out.write(ext.length);
        out.writeBytes(ext);
        return out.toByteArray();
    }

    /**
     * Verifies this SCT over {@code leaf} as issued by {@code issuer}, with the CT log key the caller found by
     * {@link #logId()} in the trusted root. Only sha256 with the key's own scheme is accepted (sigstore.md §2.2).
     */
    public void verify(PublicKeyVerifier ctLogKey, X509Certificate leaf, X509Certificate issuer) throws BadSignatureException {
        boolean schemeFits = switch (ctLogKey.algorithm()) {
            case ECDSA_P256_SHA256 -> signatureAlgorithm == TLS_ECDSA;
            case RSA_PKCS1V15_SHA256 -> signatureAlgorithm == TLS_RSA;
            default -> false;
        };
        if (version != 0 || hashAlgorithm != TLS_SHA256 || !schemeFits) {
            throw new BadSignatureException("SCT scheme (" + hashAlgorithm + "," + signatureAlgorithm + ") does not fit " + ctLogKey.algorithm());
        }
        byte[] message;
        try {
            message = signedData(leaf, issuer);
        } catch (FormatException e) {
            throw new BadSignatureException("cannot rebuild the signed SCT data: " + e.getMessage());
        }
        ctLogKey.verify(message, signature.toArray());
    }

    /** The algorithm a CT log key of this SCT's codes uses, for callers building a verifier from raw key bytes. */
    public static SignatureAlgorithm schemeFor(int signatureAlgorithm) throws FormatException {
        return switch (signatureAlgorithm) {
            case TLS_ECDSA -> SignatureAlgorithm.ECDSA_P256_SHA256;
            case TLS_RSA -> SignatureAlgorithm.RSA_PKCS1V15_SHA256;
            default -> throw new FormatException("unsupported SCT signature algorithm " + signatureAlgorithm);
        };
    }

    private static byte[] spki(X509Certificate certificate) throws FormatException {
        try {
            return Certificates.structure(certificate).getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new FormatException("cannot encode issuer key", e);
        }
    }

    /** The leaf's DER TBSCertificate with the SCT-list extension removed and the other extensions kept in order. */
    static byte[] precertificateTbs(X509Certificate leaf) throws FormatException {
        Certificate structure = Certificates.structure(leaf);
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable field : org.bouncycastle.asn1.ASN1Sequence.getInstance(structure.getTBSCertificate())) {
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC && tagged.getTagNo() == 3) {
                Extensions all = Extensions.getInstance(tagged, true);
                List<Extension> kept = new ArrayList<>();
                for (ASN1ObjectIdentifier oid : all.getExtensionOIDs()) {
                    if (!oid.getId().equals(SCT_LIST_OID)) {
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
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new FormatException("cannot encode TBS certificate", e);
        }
    }
}
