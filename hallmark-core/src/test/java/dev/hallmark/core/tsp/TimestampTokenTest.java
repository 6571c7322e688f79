package dev.hallmark.core.tsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTokenTest {
    static final String DIR = "java/timestamp-response/";
    static final Bytes TEST_LF = Bytes.utf8("test\n");

    static Bytes response(String name) {
        return Bytes.of(Vectors.bytes(DIR + name));
    }

    @Test
    void sigstageResponsesParse() throws Exception {
        TimestampToken with = TimestampToken.parseResponse(response("valid/sigstage_tsa_response_with_embedded_certs.tsr"));
        TimestampToken without = TimestampToken.parseResponse(response("valid/sigstage_tsa_response_without_embedded_certs.tsr"));
        assertThat(with.messageImprint()).isEqualTo(Digest.sha256(TEST_LF.toArray()));
        assertThat(without.messageImprint()).isEqualTo(Digest.sha256(TEST_LF.toArray()));
        assertThat(with.genTime()).isEqualTo(Instant.parse("2025-05-28T15:15:55Z"));
        assertThat(without.genTime()).isEqualTo(Instant.parse("2025-05-28T15:17:58Z"));
        assertThat(with.nonce()).contains(BigInteger.ONE);
        assertThat(with.policy()).isEqualTo("1.2.3.4");
        assertThat(with.serialNumber()).isEqualTo(new BigInteger("67116AC816D7C767A329380C8FD326C2B5910F5D", 16));
        assertThat(with.embeddedCertificates()).isNotEmpty();
        assertThat(with.embeddedCertificates().get(0).getSubjectX500Principal().getName()).contains("CN=sigstore-tsa");
        assertThat(without.embeddedCertificates()).isEmpty();
        // the bare token parses to the same content
        TimestampToken bare = TimestampToken.parseToken(with.encoded());
        assertThat(bare.genTime()).isEqualTo(with.genTime());
        assertThat(bare.encoded()).isEqualTo(with.encoded());
    }

    @Test
    void freeTsaResponseParses() throws Exception {
        TimestampToken token = TimestampToken.parseResponse(response("valid/freetsa_response.tsr"));
        assertThat(token.genTime()).isEqualTo(Instant.parse("2025-05-02T13:21:07Z"));
        assertThat(token.messageImprint().hex()).isEqualTo("e49a897aac4c981921270a3f79e46885c9952fc5ba1ab4c0cdef380be7737481");
        assertThat(token.nonce()).contains(new BigInteger("684BEA6AC92F6B29", 16));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "valid/sigstore_tsa_response_with_embedded_certs.tsr", // sha256 imprint of 64 bytes (hex text)
        "valid/sigstore_tsa_response_without_embedded_certs.tsr",
        "invalid/sigstore_tsa_response_invalid.tsr"})
    void malformedResponsesAreFormatErrors(String name) {
        assertThatThrownBy(() -> TimestampToken.parseResponse(response(name))).isInstanceOf(FormatException.class);
    }

    @Test
    void trailingBytesAndOversizeAreRejected() {
        byte[] der = Vectors.bytes(DIR + "valid/sigstage_tsa_response_without_embedded_certs.tsr");
        assertThatThrownBy(() -> TimestampToken.parseResponse(Bytes.of(Arrays.copyOf(der, der.length + 1))))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> TimestampToken.parseResponse(Bytes.of(new byte[TimestampToken.MAX_BYTES + 1])))
                .isInstanceOf(FormatException.class);
        // a response is not a bare token and vice versa
        assertThatThrownBy(() -> TimestampToken.parseToken(Bytes.of(der))).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectedStatusIsAFormatError() throws Exception {
        // TimeStampResp { status { status 2 (rejection) } }
        Bytes rejection = Bytes.fromHex("30053003020102");
        assertThatThrownBy(() -> TimestampToken.parseResponse(rejection)).isInstanceOf(FormatException.class);
    }

    @Property(tries = 300)
    void arbitraryBytesOnlyFailAsFormatException(@ForAll @Size(max = 300) byte[] input) {
        try {
            TimestampToken.parseResponse(Bytes.of(input));
        } catch (FormatException expected) {
            // the only permitted failure
        }
    }

    @Property(tries = 300)
    void mutatedResponsesOnlyFailAsFormatException(@ForAll int position, @ForAll byte value) {
        byte[] der = Vectors.bytes(DIR + "valid/sigstage_tsa_response_with_embedded_certs.tsr");
        der[Math.floorMod(position, der.length)] = value;
        try {
            TimestampToken.parseResponse(Bytes.of(der));
        } catch (FormatException expected) {
            // the only permitted failure
        }
    }
}
