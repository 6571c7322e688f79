package dev.hallmark.log.rekor;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.tsp.TimestampRequests;
import dev.hallmark.core.x509.TestPki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** TEST SCAFFOLDING: an RFC 3161 timestamp authority (BouncyCastle), for the trusted time a Rekor v2 bundle needs. */
final class TestTsa {
    private TestTsa() {
    }

    /** A TSA signing certificate: RFC 3161 §2.3 wants a critical EKU of exactly timeStamping. */
    static TestPki.Issued leaf(TestPki.Issued root) throws Exception {
        return root.issue("O=test, CN=tsa").validity(TestPki.NOT_BEFORE, TestPki.NOT_AFTER)
                .extension("2.5.29.37", true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping).getEncoded()).build();
    }

    /** A {@code TimeStampResp} over SHA-256 of {@code signature}, as Sigstore clients request it (sigstore.md §5). */
    static Bytes stamp(TestPki.Issued tsa, Bytes signature, Instant genTime) throws Exception {
        Bytes request = TimestampRequests.create(Digest.sha256(signature.toArray()), true);
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", tsa.key().privateKey(), tsa.cert());
        var generator = new TimeStampTokenGenerator(signerInfo,
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
        generator.addCertificates(new JcaCertStore(List.of(tsa.cert())));
        var response = new TimeStampResponseGenerator(generator, TSPAlgorithms.ALLOWED)
                .generate(new TimeStampRequest(request.toArray()), BigInteger.ONE, Date.from(genTime));
        return Bytes.of(response.getEncoded());
    }
}
