package dev.hallmark.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CertificatesTest {

    @ParameterizedTest
    @CsvSource({
        "java/fulcio-response/valid/cert.pem, 2",
        "java/fulcio-response/valid/certWithSct.pem, 3",
        "java/fulcio-response/valid/fulcio.crt.pem, 2",
        "java/certificatetransparency/ca-cert.pem, 1",
        "java/certificatetransparency/cert.pem, 1",
        "java/certificatetransparency/cert-ct-embedded.pem, 1",
        "java/certificatetransparency/cert-ct-poisoned.pem, 1"})
    void parsesEveryVectorPemAndRoundTrips(String file, int count) throws Exception {
        List<X509Certificate> chain = Certificates.parsePemChain(Vectors.text(file));
        assertThat(chain).hasSize(count);
        for (X509Certificate c : chain) {
            assertThat(Certificates.parseDer(Certificates.der(c))).isEqualTo(c);
            assertThat(Certificates.parsePemChain(Certificates.toPem(c))).containsExactly(c);
        }
    }

    @Test
    void fulcioChainIsLeafFirstRootLast() throws Exception {
        List<X509Certificate> chain = Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/certWithSct.pem"));
        assertThat(Certificates.isSelfSigned(chain.get(2))).isTrue();
        assertThat(Certificates.isSelfSigned(chain.get(1))).isFalse();
        assertThat(Certificates.isSelfSigned(chain.get(0))).isFalse();
        assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(chain.get(1).getSubjectX500Principal());
    }

    @Test
    void rejectsTrailingGarbage() throws Exception {
        byte[] der = Certificates.der(Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/cert.pem")).get(0)).toArray();
        byte[] longer = Arrays.copyOf(der, der.length + 1);
        assertThatThrownBy(() -> Certificates.parseDer(Bytes.of(longer))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Certificates.parseDer(Bytes.of(Arrays.copyOf(der, der.length - 1)))).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsOversizedInput() {
        byte[] big = new byte[Certificates.MAX_CERTIFICATE_BYTES + 1];
        big[0] = 0x30;
        assertThatThrownBy(() -> Certificates.parseDer(Bytes.of(big))).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsPemWithoutCertificatesOrWithOtherBlocks() {
        assertThatThrownBy(() -> Certificates.parsePemChain("hello")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/ctfe.pub")))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Certificates.parsePemChain("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsChainsLongerThanTheLimit() throws Exception {
        String one = Certificates.toPem(Certificates.parsePemChain(Vectors.text("java/fulcio-response/valid/cert.pem")).get(0));
        assertThat(Certificates.parsePemChain(one.repeat(Certificates.MAX_CHAIN_LENGTH))).hasSize(Certificates.MAX_CHAIN_LENGTH);
        assertThatThrownBy(() -> Certificates.parsePemChain(one.repeat(Certificates.MAX_CHAIN_LENGTH + 1)))
                .isInstanceOf(FormatException.class);
    }

    @Property(tries = 300)
    void arbitraryBytesOnlyEverFailAsFormatException(@ForAll @Size(max = 300) byte[] input) {
        try {
            Certificates.parseDer(Bytes.of(input));
        } catch (FormatException expected) {
            // the only permitted failure
        }
    }

    @Property(tries = 200)
    void mutatedCertificatesOnlyEverFailAsFormatException(@ForAll int position, @ForAll byte value) throws Exception {
        byte[] der = Vectors.bytes("java/fulcio-response/valid/fulcio.crt.pem");
        byte[] cert = Certificates.der(Certificates.parsePemChain(new String(der, java.nio.charset.StandardCharsets.US_ASCII)).get(0)).toArray();
        cert[Math.floorMod(position, cert.length)] = value;
        try {
            X509Certificate parsed = Certificates.parseDer(Bytes.of(cert));
            FulcioCertificate.parse(parsed);
            SignedCertificateTimestamp.embedded(parsed);
        } catch (FormatException expected) {
            // the only permitted failure
        }
    }
}
