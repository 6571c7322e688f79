package dev.hallmark.log.ct;

import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.core.x509.TestPki;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
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

/**
 * A Fulcio-like CA for tests (sigstore.md §1.2, §1.4): root → intermediate, and leaves issued by the intermediate
 * either as a precertificate (poison, critical NULL) or as the final certificate carrying an SCT list in the place of
 * the poison, with the same serial, validity, key and other extensions.
 */
final class TestCa {
    static final String POISON = "1.3.6.1.4.1.11129.2.4.3";
    private static final AtomicLong SERIAL = new AtomicLong(5000);

    final TestPki.Issued root;
    final TestPki.Issued intermediate;

    TestCa(String name) throws Exception {
        root = TestPki.root("O=hallmark, CN=" + name + " root").build();
        intermediate = root.issue("O=hallmark, CN=" + name + " intermediate").ca(0).build();
    }

    /** What a leaf is made of, so the precertificate and the final certificate share it. */
    record Leaf(BigInteger serial, Signer key, Instant notBefore, String email) {
        static Leaf fresh(Instant now) {
            return new Leaf(BigInteger.valueOf(SERIAL.incrementAndGet()), Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256),
                    now.truncatedTo(ChronoUnit.SECONDS), "signer@example.com");
        }
    }

    X509Certificate precertificate(Leaf leaf) throws Exception {
        return build(leaf, intermediate, new Extension(new ASN1ObjectIdentifier(POISON), true, DERNull.INSTANCE.getEncoded()));
    }

    /** The final certificate: the precertificate's fields with the SCT list where the poison was (sigstore.md §2.3). */
    X509Certificate finalCertificate(Leaf leaf, List<SignedCertificateTimestamp> scts) throws Exception {
        return build(leaf, intermediate, new Extension(new ASN1ObjectIdentifier(SignedCertificateTimestamp.SCT_LIST_OID), false,
                SctEncoding.listExtensionValue(scts)));
    }

    /** An ordinary certificate (no poison, no SCTs), as submitted to add-chain. */
    X509Certificate plain(Leaf leaf) throws Exception {
        return build(leaf, intermediate, null);
    }

    /** A leaf issued by {@code issuer} with one extra extension (or none) after the Fulcio-like ones. */
    static X509Certificate build(Leaf leaf, TestPki.Issued issuer, Extension last) throws Exception {
        X500Name issuerName = X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, leaf.serial(), Date.from(leaf.notBefore()),
                Date.from(leaf.notBefore().plusSeconds(600)), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
                leaf.key().publicKey());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        b.addExtension(Extension.subjectAlternativeName, true,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, leaf.email())).getEncoded());
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8"), false,
                new org.bouncycastle.asn1.DERUTF8String("https://issuer.test.hallmark").getEncoded());
        if (last != null) {
            b.addExtension(last);
        }
        var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key().privateKey()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
