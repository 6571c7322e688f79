package dev.hallmark.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

/** The writing side of SCTs reproduces a real Fulcio certificate's SCT-list extension byte for byte. */
class SctEncodingTest {
    private static List<X509Certificate> fulcioChain() throws Exception {
        return Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/certWithSct.pem"));
    }

    @Test
    void listExtensionValueEqualsTheRealCertificates() throws Exception {
        X509Certificate leaf = fulcioChain().get(0);
        List<SignedCertificateTimestamp> scts = SignedCertificateTimestamp.embedded(leaf);
        byte[] real = ASN1OctetString.getInstance(leaf.getExtensionValue(SignedCertificateTimestamp.SCT_LIST_OID)).getOctets();
        assertThat(SctEncoding.listExtensionValue(scts)).isEqualTo(real);
    }

    @Test
    void serializeRoundTripsThroughTheParser() throws Exception {
        SignedCertificateTimestamp sct = SignedCertificateTimestamp.embedded(fulcioChain().get(0)).get(0);
        Bytes one = SctEncoding.serialize(sct);
        byte[] list = Bytes.of(new byte[] {0, (byte) (one.length() + 2), 0, (byte) one.length()}).concat(one).toArray();
        assertThat(SignedCertificateTimestamp.parseList(list)).containsExactly(sct);
    }

    @Test
    void responseFieldsRoundTrip() throws Exception {
        SignedCertificateTimestamp sct = SignedCertificateTimestamp.embedded(fulcioChain().get(0)).get(0);
        Bytes signed = SctEncoding.digitallySigned(sct);
        assertThat(signed.slice(0, 2)).isEqualTo(Bytes.of(new byte[] {4, 3}));
        assertThat(SctEncoding.fromResponse(0, sct.logId(), sct.timestampMillis(), sct.extensions(), signed)).isEqualTo(sct);
    }

    @Test
    void malformedDigitallySignedIsAFormatException() {
        Bytes logId = Bytes.of(new byte[32]);
        assertThatThrownBy(() -> SctEncoding.fromResponse(0, logId, 1, Bytes.EMPTY, Bytes.of(new byte[] {4, 3, 0})))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SctEncoding.fromResponse(0, logId, 1, Bytes.EMPTY, Bytes.of(new byte[] {4, 3, 0, 2, 1})))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> SctEncoding.fromResponse(0, Bytes.of(new byte[31]), 1, Bytes.EMPTY, Bytes.of(new byte[] {4, 3, 0, 0})))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void certificateLinksFollowIssuerAndSignature() throws Exception {
        List<X509Certificate> chain = fulcioChain();
        assertThat(CertificateLinks.issuedBy(chain.get(0), chain.get(1))).isTrue();
        assertThat(CertificateLinks.issuedBy(chain.get(1), chain.get(0))).isFalse();
        assertThat(CertificateLinks.issuedBy(chain.get(0), chain.get(0))).isFalse();
    }
}
