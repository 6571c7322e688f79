package dev.hallmark.core.x509;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;

/**
 * The writing side of {@link SignedCertificateTimestamp}'s TLS structures (RFC 6962 §3.2–3.3, sigstore.md §2.2–2.3),
 * for the two parties that produce them: a CT log answering {@code add-(pre-)chain} with the JSON fields of an SCT,
 * and a CA embedding the SCT list in the final certificate. Parsing stays in {@link SignedCertificateTimestamp}.
 */
public final class SctEncoding {
    private SctEncoding() {
    }

    /**
     * The TLS {@code digitally-signed} struct of the SCT ({@code u8 hash, u8 signature, u16 length, signature}), which
     * is the {@code signature} field of the RFC 6962 §4.1 JSON response.
     */
    public static Bytes digitallySigned(SignedCertificateTimestamp sct) {
        return digitallySigned(sct.hashAlgorithm(), sct.signatureAlgorithm(), sct.signature());
    }

    /** A TLS {@code digitally-signed} struct from its parts (also the RFC 6962 §3.5 tree head signature). */
    public static Bytes digitallySigned(int hashAlgorithm, int signatureAlgorithm, Bytes signature) {
        if (signature.length() > 0xffff) {
            throw new IllegalArgumentException("signature longer than a u16 length");
        }
        ByteBuffer out = ByteBuffer.allocate(4 + signature.length());
        out.put((byte) hashAlgorithm).put((byte) signatureAlgorithm).putShort((short) signature.length());
        out.put(signature.toArray());
        return Bytes.of(out.array());
    }

    /**
     * An SCT from the fields of an RFC 6962 §4.1 response ({@code sct_version}, {@code id}, {@code timestamp},
     * {@code extensions}, {@code signature} as a {@code digitally-signed} struct), as a CA receives it.
     */
    public static SignedCertificateTimestamp fromResponse(int version, Bytes logId, long timestampMillis, Bytes extensions,
            Bytes digitallySigned) throws FormatException {
        if (digitallySigned.length() < 4) {
            throw new FormatException("truncated SCT signature");
        }
        int length = ((digitallySigned.get(2) & 0xff) << 8) | (digitallySigned.get(3) & 0xff);
        if (length != digitallySigned.length() - 4) {
            throw new FormatException("SCT signature length does not match its content");
        }
        try {
            return new SignedCertificateTimestamp(version, logId, timestampMillis, extensions, digitallySigned.get(0) & 0xff,
                    digitallySigned.get(1) & 0xff, digitallySigned.slice(4, digitallySigned.length()));
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid SCT: " + e.getMessage());
        }
    }

    /** The serialized v1 SCT (RFC 6962 §3.3): version, log ID, timestamp, u16 extensions, digitally-signed. */
    public static Bytes serialize(SignedCertificateTimestamp sct) {
        if (sct.version() != 0) {
            throw new IllegalArgumentException("only v1 SCTs can be serialized");
        }
        Bytes ext = sct.extensions();
        ByteBuffer out = ByteBuffer.allocate(1 + 32 + 8 + 2 + ext.length());
        out.put((byte) 0).put(sct.logId().toArray()).putLong(sct.timestampMillis());
        out.putShort((short) ext.length()).put(ext.toArray());
        return Bytes.of(out.array()).concat(digitallySigned(sct));
    }

    /**
     * The {@code extnValue} content of the SCT-list extension {@value SignedCertificateTimestamp#SCT_LIST_OID}
     * (sigstore.md §2.3): a DER OCTET STRING wrapping the TLS {@code SignedCertificateTimestampList}. Pass it as the
     * value of a non-critical extension; the certificate adds the outer OCTET STRING itself.
     */
    public static byte[] listExtensionValue(List<SignedCertificateTimestamp> scts) {
        if (scts.isEmpty() || scts.size() > SignedCertificateTimestamp.MAX_SCTS) {
            throw new IllegalArgumentException("an SCT list holds 1 to " + SignedCertificateTimestamp.MAX_SCTS + " SCTs");
        }
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        for (SignedCertificateTimestamp sct : scts) {
            Bytes one = serialize(sct);
            items.write(one.length() >>> 8);
            items.write(one.length());
            items.writeBytes(one.toArray());
        }
        if (items.size() > 0xffff) {
            throw new IllegalArgumentException("SCT list longer than a u16 length");
        }
        ByteArrayOutputStream list = new ByteArrayOutputStream(items.size() + 2);
        list.write(items.size() >>> 8);
        list.write(items.size());
        list.writeBytes(items.toByteArray());
        try {
            return new DEROctetString(list.toByteArray()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an OCTET STRING", e);
        }
    }
}
