package dev.hallmark.ca.testing;

import dev.hallmark.ca.fulcio.CtSubmissionException;
import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * An in-test RFC 6962 log: it signs the exact sigstore.md §2.2 bytes for a precertificate with its own P-256 key
 * (TBS with the poison removed, issuer key hash of the next certificate), independently of the CA's code, and keeps
 * what it was sent. {@link #failing()} makes it refuse, for the 500 path.
 */
public final class TestCtLog implements PrecertificateLog {
    public static final String POISON = "1.3.6.1.4.1.11129.2.4.3";

    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final Instant now;
    private final List<List<X509Certificate>> submissions = new CopyOnWriteArrayList<>();
    private volatile boolean fail;
    private volatile boolean tamper;

    public TestCtLog(Instant now) {
        this.now = now;
    }

    public TestCtLog failing() {
        fail = true;
        return this;
    }

    /** Signs over different bytes than the precertificate's, as a broken log would. */
    public TestCtLog tampering() {
        tamper = true;
        return this;
    }

    public List<List<X509Certificate>> submissions() {
        return submissions;
    }

    public Bytes logId() {
        return HashAlgorithm.SHA2_256.digest(Keys.spki(signer.publicKey())).value();
    }

    @Override
    public PublicKey publicKey() {
        return signer.publicKey();
    }

    @Override
    public SignedCertificateTimestamp submit(List<X509Certificate> chain) throws CtSubmissionException {
        submissions.add(List.copyOf(chain));
        if (fail) {
            throw new CtSubmissionException("log unavailable");
        }
        try {
            long timestamp = now.toEpochMilli();
            byte[] tbs = tbsWithoutPoison(chain.get(0));
            if (tamper) {
                tbs[tbs.length - 1] ^= 1;
            }
            byte[] issuerKeyHash = HashAlgorithm.SHA2_256.digest(chain.get(1).getPublicKey().getEncoded()).value().toArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0); // v1
            out.write(0); // certificate_timestamp
            out.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
            out.write(0);
            out.write(1); // precert_entry
            out.writeBytes(issuerKeyHash);
            out.write(tbs.length >>> 16);
            out.write(tbs.length >>> 8);
            out.write(tbs.length);
            out.writeBytes(tbs);
            out.write(0);
            out.write(0); // no extensions
            Bytes signature = signer.sign(out.toByteArray());
            return new SignedCertificateTimestamp(0, logId(), timestamp, Bytes.EMPTY, 4, 3, signature);
        } catch (IOException | CertificateEncodingException e) {
            throw new CtSubmissionException("bad precertificate", e);
        }
    }

    /** RFC 6962 §3.2: the precertificate's TBS with the poison extension removed, other extensions in order. */
    public static byte[] tbsWithoutPoison(X509Certificate precertificate) throws IOException, CertificateEncodingException {
        TBSCertificate tbs = TBSCertificate.getInstance(precertificate.getTBSCertificate());
        Extensions extensions = tbs.getExtensions();
        if (extensions == null || extensions.getExtension(new ASN1ObjectIdentifier(POISON)) == null
                || !extensions.getExtension(new ASN1ObjectIdentifier(POISON)).isCritical()) {
            throw new IOException("not a precertificate");
        }
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable field : ASN1Sequence.getInstance(tbs)) {
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                List<Extension> kept = new ArrayList<>();
                for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                    if (!oid.getId().equals(POISON)) {
                        kept.add(extensions.getExtension(oid));
                    }
                }
                fields.add(new DERTaggedObject(true, 3, new Extensions(kept.toArray(Extension[]::new))));
            } else {
                fields.add(field);
            }
        }
        return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    }
}
