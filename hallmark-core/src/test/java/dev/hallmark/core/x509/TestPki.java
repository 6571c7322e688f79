package dev.hallmark.core.x509;

import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds throw-away certificates for negative tests; test code only. */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    public static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");

    /** A certificate with its signing key, so it can issue further certificates. */
    public record Issued(X509Certificate cert, Signer key) {
        public Builder issue(String subject) {
            return new Builder(subject, this);
        }
    }

    public static Builder root(String subject) {
        return new Builder(subject, null).ca(-1);
    }

    public static final class Builder {
        private final String subject;
        private final Issued issuer;
        private Signer key = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        private Instant notBefore = NOT_BEFORE;
        private Instant notAfter = NOT_AFTER;
        private Integer pathLen; // null: not a CA; -1: CA without pathLen
        private boolean keyCertSign = true;
        private final List<KeyPurposeId> ekus = new ArrayList<>();
        private final List<Extension> extra = new ArrayList<>();
        private Signer signWith;

        Builder(String subject, Issued issuer) {
            this.subject = subject;
            this.issuer = issuer;
        }

        public Builder ca(int pathLenOrMinusOne) {
            this.pathLen = pathLenOrMinusOne;
            return this;
        }

        public Builder noKeyCertSign() {
            this.keyCertSign = false;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        public Builder eku(KeyPurposeId purpose) {
            ekus.add(purpose);
            return this;
        }

        public Builder codeSigning() {
            return eku(KeyPurposeId.id_kp_codeSigning);
        }

        public Builder san(GeneralName... names) throws Exception {
            extra.add(new Extension(Extension.subjectAlternativeName, true, new GeneralNames(names).getEncoded()));
            return this;
        }

        public Builder extension(String oid, boolean critical, byte[] extnValue) {
            extra.add(new Extension(new ASN1ObjectIdentifier(oid), critical, extnValue));
            return this;
        }

        public Builder extension(String oid, ASN1Encodable value) throws Exception {
            return extension(oid, false, value.toASN1Primitive().getEncoded());
        }

        /** Signs with a different key than the issuer's (a forged link). */
        public Builder signedBy(Signer other) {
            this.signWith = other;
            return this;
        }

        public Issued build() throws Exception {
            X500Name subjectName = new X500Name(subject);
            X500Name issuerName = issuer == null ? subjectName : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subjectName, key.publicKey());
            if (pathLen != null) {
                b.addExtension(Extension.basicConstraints, true, pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyCertSign ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            if (!ekus.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)));
            }
            for (Extension e : extra) {
                b.addExtension(e);
            }
            Signer signer = signWith != null ? signWith : issuer == null ? key : issuer.key();
            var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey()));
            return new Issued(new JcaX509CertificateConverter().getCertificate(holder), key);
        }
    }

    private TestPki() {
    }
}
