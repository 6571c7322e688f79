package dev.hallmark.core.tsp;

import static dev.hallmark.core.tsp.TimestampVerifierTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.tsp.TimestampException.Reason;
import dev.hallmark.core.x509.TestPki;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
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
import org.junit.jupiter.api.Test;

/** A TSA built in the test, for the failure modes no recorded vector covers. */
class GeneratedTsaTest {
    private static final Instant GEN_TIME = Instant.parse("2026-03-01T12:00:00Z");
    private static final Bytes SIGNATURE = Bytes.utf8("signature bytes");

    private static TestPki.Issued tsaLeaf(TestPki.Issued issuer, Instant notAfter) throws Exception {
        // BouncyCastle's generator insists on a critical EKU of exactly timeStamping (RFC 3161 §2.3)
        return issuer.issue("O=test, CN=tsa").validity(TestPki.NOT_BEFORE, notAfter)
                .extension("2.5.29.37", true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping).getEncoded()).build();
    }

    private static Bytes stamp(TestPki.Issued signer, Bytes request, Instant genTime, boolean embed) throws Exception {
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", signer.key().privateKey(), signer.cert());
        var generator = new TimeStampTokenGenerator(signerInfo,
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
        if (embed) {
            generator.addCertificates(new JcaCertStore(List.of(signer.cert())));
        }
        var response = new TimeStampResponseGenerator(generator, TSPAlgorithms.ALLOWED)
                .generate(new TimeStampRequest(request.toArray()), BigInteger.TEN, Date.from(genTime));
        return Bytes.of(response.getEncoded());
    }

    private static TimestampVerifier trusting(X509Certificate... chain) {
        return TimestampVerifier.create(List.of(new TimestampAuthority(List.of(chain), TestPki.NOT_BEFORE, Optional.empty())));
    }

    @Test
    void requestRoundTripsThroughATsa() throws Exception {
        TestPki.Issued root = TestPki.root("O=test, CN=tsa root").build();
        TestPki.Issued leaf = tsaLeaf(root, TestPki.NOT_AFTER);
        Digest imprint = Digest.sha256(SIGNATURE.toArray());
        Bytes request = TimestampRequests.create(imprint, BigInteger.valueOf(42), true);
        TimeStampRequest parsed = new TimeStampRequest(request.toArray());
        assertThat(parsed.getMessageImprintDigest()).isEqualTo(imprint.value().toArray());
        assertThat(parsed.getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(parsed.getNonce()).isEqualTo(BigInteger.valueOf(42));
        assertThat(parsed.getCertReq()).isTrue();
        assertThat(new TimeStampRequest(TimestampRequests.create(imprint, false).toArray()).getNonce()).isNull();

        VerifiedTimestamp verified = trusting(leaf.cert(), root.cert()).verify(stamp(leaf, request, GEN_TIME, true), SIGNATURE);
        assertThat(verified.genTime()).isEqualTo(GEN_TIME);
        assertThat(verified.token().nonce()).contains(BigInteger.valueOf(42));
        assertThat(verified.token().policy()).isEqualTo("1.3.6.1.4.1.57264.2");
        assertThat(verified.token().embeddedCertificates()).containsExactly(leaf.cert());
        // a self-signed TSA certificate can be the whole chain
        TestPki.Issued alone = TestPki.root("O=test, CN=lone tsa")
                .extension("2.5.29.37", true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping).getEncoded()).build();
        assertThat(trusting(alone.cert()).verify(stamp(alone, request, GEN_TIME, false), SIGNATURE).genTime()).isEqualTo(GEN_TIME);
    }

    @Test
    void signerWithTheTrustedNameAndSerialButAnotherCertificateIsUntrusted() throws Exception {
        TestPki.Issued root = TestPki.root("O=test, CN=tsa root").build();
        TestPki.Issued trustedLeaf = tsaLeaf(root, TestPki.NOT_AFTER);
        TestPki.Issued otherRoot = TestPki.root("O=test, CN=tsa root").build(); // same name, other key
        TestPki.Issued impostor = tsaLeaf(otherRoot, TestPki.NOT_AFTER);
        Bytes request = TimestampRequests.create(Digest.sha256(SIGNATURE.toArray()), false);
        Bytes response = stamp(impostor, request, GEN_TIME, true);
        assertThat(reasonOf(() -> trusting(trustedLeaf.cert(), root.cert()).verify(response, SIGNATURE))).isEqualTo(Reason.UNTRUSTED_TSA);
    }

    @Test
    void certificateExpiredAtGenTime() throws Exception {
        TestPki.Issued root = TestPki.root("O=test, CN=tsa root").build();
        TestPki.Issued leaf = tsaLeaf(root, GEN_TIME.minusSeconds(1));
        Bytes request = TimestampRequests.create(Digest.sha256(SIGNATURE.toArray()), false);
        assertThat(reasonOf(() -> trusting(leaf.cert(), root.cert()).verify(stamp(leaf, request, GEN_TIME, false), SIGNATURE)))
                .isEqualTo(Reason.CERT_NOT_VALID_AT_GENTIME);
        // the same holds for a lone certificate, and a validFor ending before genTime is reported as such
        TestPki.Issued alone = TestPki.root("O=test, CN=lone tsa").validity(TestPki.NOT_BEFORE, GEN_TIME.minusSeconds(1))
                .extension("2.5.29.37", true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping).getEncoded()).build();
        assertThat(reasonOf(() -> trusting(alone.cert()).verify(stamp(alone, request, GEN_TIME, false), SIGNATURE)))
                .isEqualTo(Reason.CERT_NOT_VALID_AT_GENTIME);
        TimestampVerifier ended = TimestampVerifier.create(List.of(
                new TimestampAuthority(List.of(leaf.cert(), root.cert()), TestPki.NOT_BEFORE, Optional.of(GEN_TIME.minusSeconds(5)))));
        assertThat(reasonOf(() -> ended.verify(stamp(leaf, request, GEN_TIME.minusSeconds(2), false), SIGNATURE)))
                .isEqualTo(Reason.OUTSIDE_TSA_VALIDITY);
    }

    @Test
    void brokenTrustedChainIsReported() throws Exception {
        TestPki.Issued root = TestPki.root("O=test, CN=tsa root").build();
        TestPki.Issued notCa = root.issue("O=test, CN=not a ca").build();
        TestPki.Issued leaf = tsaLeaf(notCa, TestPki.NOT_AFTER);
        Bytes request = TimestampRequests.create(Digest.sha256(SIGNATURE.toArray()), false);
        assertThat(reasonOf(() -> trusting(leaf.cert(), notCa.cert(), root.cert()).verify(stamp(leaf, request, GEN_TIME, false), SIGNATURE)))
                .isEqualTo(Reason.INVALID_TSA_CHAIN);
    }
}
