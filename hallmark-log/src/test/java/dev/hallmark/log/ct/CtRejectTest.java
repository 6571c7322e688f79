package dev.hallmark.log.ct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.TestPki;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.ct.ChainRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chains the log must refuse, one per reason: each reason is asserted on the checker, and the API answers 400 with a
 * JSON error and logs nothing.
 */
class CtRejectTest {
    private static CtFixture f;
    private static ChainChecker checker;

    @BeforeAll
    static void open() throws Exception {
        f = new CtFixture();
        checker = new ChainChecker(List.of(f.ca.root.cert()), 10);
    }

    @AfterAll
    static void close() throws Exception {
        assertThat(f.engine.latestCheckpoint().size()).as("nothing refused was logged").isZero();
        f.close();
    }

    private static void refused(Bytes body, boolean precert, Reason reason) throws Exception {
        ChainRejectedException e = catchThrowableOfType(ChainRejectedException.class, () -> checker.check(body, precert, 1 << 20));
        assertThat(e).as("checker must refuse").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        LogApiResponse response = precert ? f.api.addPreChain(body) : f.api.addChain(body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(CtFixture.json(response).get("code").intValue()).isEqualTo(400);
        assertThat(CtFixture.json(response).get("message").textValue()).isNotBlank();
    }

    private static X509Certificate precert() throws Exception {
        return f.ca.precertificate(TestCa.Leaf.fresh(CtFixture.NOW));
    }

    @Test
    void unknownRoot() throws Exception {
        TestCa other = new TestCa("other");
        X509Certificate precert = other.precertificate(TestCa.Leaf.fresh(CtFixture.NOW));
        refused(CtFixture.chainJson(precert, other.intermediate.cert(), other.root.cert()), true, Reason.UNKNOWN_ROOT);
        refused(CtFixture.chainJson(precert, other.intermediate.cert()), true, Reason.UNKNOWN_ROOT);
    }

    @Test
    void badSignature() throws Exception {
        Signer stranger = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        TestPki.Issued forged = f.ca.root.issue("O=hallmark, CN=ct test intermediate").ca(0).signedBy(stranger).build();
        refused(CtFixture.chainJson(precert(), forged.cert(), f.ca.root.cert()), true, Reason.BAD_SIGNATURE);
        // a precertificate presented with an intermediate that did not issue it
        TestCa other = new TestCa("other");
        refused(CtFixture.chainJson(precert(), other.intermediate.cert(), f.ca.root.cert()), true, Reason.BAD_SIGNATURE);
    }

    @Test
    void issuerNotACa() throws Exception {
        TestPki.Issued notCa = f.ca.root.issue("O=hallmark, CN=not a ca").build();
        X509Certificate leaf = TestCa.build(TestCa.Leaf.fresh(CtFixture.NOW), notCa,
                new Extension(new ASN1ObjectIdentifier(TestCa.POISON), true, DERNull.INSTANCE.getEncoded()));
        refused(CtFixture.chainJson(leaf, notCa.cert(), f.ca.root.cert()), true, Reason.NOT_A_CA);
    }

    @Test
    void missingPoison() throws Exception {
        X509Certificate plain = f.ca.plain(TestCa.Leaf.fresh(CtFixture.NOW));
        refused(CtFixture.chainJson(plain, f.ca.intermediate.cert()), true, Reason.MISSING_POISON);
    }

    @Test
    void malformedPoison() throws Exception {
        TestCa.Leaf leaf = TestCa.Leaf.fresh(CtFixture.NOW);
        X509Certificate nonCritical = TestCa.build(leaf, f.ca.intermediate,
                new Extension(new ASN1ObjectIdentifier(TestCa.POISON), false, DERNull.INSTANCE.getEncoded()));
        refused(CtFixture.chainJson(nonCritical, f.ca.intermediate.cert()), true, Reason.MALFORMED_POISON);
        X509Certificate notNull = TestCa.build(leaf, f.ca.intermediate,
                new Extension(new ASN1ObjectIdentifier(TestCa.POISON), true, new DERUTF8String("x").getEncoded()));
        refused(CtFixture.chainJson(notNull, f.ca.intermediate.cert()), false, Reason.MALFORMED_POISON);
    }

    @Test
    void precertificateSubmittedToAddChain() throws Exception {
        refused(CtFixture.chainJson(precert(), f.ca.intermediate.cert()), false, Reason.UNEXPECTED_POISON);
    }

    @Test
    void precertificateSigningCertificate() throws Exception {
        TestPki.Issued signing = f.ca.intermediate.issue("O=hallmark, CN=precert signing").ca(0)
                .eku(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.4"))).build();
        X509Certificate leaf = TestCa.build(TestCa.Leaf.fresh(CtFixture.NOW), signing,
                new Extension(new ASN1ObjectIdentifier(TestCa.POISON), true, DERNull.INSTANCE.getEncoded()));
        refused(CtFixture.chainJson(leaf, signing.cert(), f.ca.intermediate.cert(), f.ca.root.cert()), true,
                Reason.PRECERT_SIGNING_CERTIFICATE);
    }

    @Test
    void precertificateWithoutIssuer() throws Exception {
        // a self-signed "precertificate" that is itself the accepted root has no issuer to hash
        TestPki.Issued poisonedRoot = TestPki.root("O=hallmark, CN=poisoned root")
                .extension(TestCa.POISON, true, DERNull.INSTANCE.getEncoded()).build();
        ChainChecker own = new ChainChecker(List.of(poisonedRoot.cert()), 10);
        ChainRejectedException e = catchThrowableOfType(ChainRejectedException.class,
                () -> own.check(CtFixture.chainJson(poisonedRoot.cert()), true, 1 << 20));
        assertThat(e.reason()).isEqualTo(Reason.BAD_CHAIN_LENGTH);
    }

    @Test
    void malformedInput() throws Exception {
        refused(utf8("{\"chain\": [\"not base64!\"]}"), true, Reason.MALFORMED);
        refused(utf8("{\"chain\": [\"" + Bytes.utf8("not a certificate").base64() + "\"]}"), true, Reason.MALFORMED);
        refused(utf8("{\"chain\": [42]}"), false, Reason.MALFORMED);
        refused(utf8("{\"chain\": \"abc\"}"), false, Reason.MALFORMED);
        refused(utf8("{\"certificates\": []}"), false, Reason.MALFORMED);
        refused(utf8("[1, 2]"), false, Reason.MALFORMED);
        refused(utf8("{\"chain\": ["), true, Reason.MALFORMED);
        String der = Certificates.der(f.ca.root.cert()).base64();
        refused(utf8("{\"chain\": [\"" + der + "\"], \"chain\": []}"), false, Reason.MALFORMED); // duplicate key
    }

    @Test
    void badChainLength() throws Exception {
        refused(utf8("{\"chain\": []}"), true, Reason.BAD_CHAIN_LENGTH);
        X509Certificate[] eleven = new X509Certificate[11];
        java.util.Arrays.fill(eleven, f.ca.intermediate.cert());
        refused(CtFixture.chainJson(eleven), false, Reason.BAD_CHAIN_LENGTH);
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        try (CtFixture small = new CtFixture(new CtLimits(1024, 10, 256, Duration.ofSeconds(5)))) {
            Bytes body = CtFixture.chainJson(small.ca.precertificate(TestCa.Leaf.fresh(CtFixture.NOW)),
                    small.ca.intermediate.cert(), small.ca.root.cert());
            assertThat(body.length()).isGreaterThan(1024);
            assertThat(small.api.addPreChain(body).status()).isEqualTo(413);
        }
    }

    private static Bytes utf8(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
    }
}
