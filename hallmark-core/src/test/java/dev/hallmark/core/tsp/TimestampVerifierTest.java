package dev.hallmark.core.tsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.tsp.TimestampException.Reason;
import dev.hallmark.core.x509.TestTrustedRoot;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampVerifierTest {
    private static final String STAGING = "java/trustroot/staging_trusted_root.json";

    static TimestampVerifier verifierFor(String trustedRoot) throws Exception {
        return TimestampVerifier.create(TestTrustedRoot.load(trustedRoot).timestampAuthorities().stream()
                .map(e -> new TimestampAuthority(e.chain(), e.start(), e.end())).toList());
    }

    static Reason reasonOf(Executable call) {
        try {
            call.execute();
        } catch (TimestampException e) {
            return e.reason();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
        throw new AssertionError("verification unexpectedly succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigstage_tsa_response_with_embedded_certs.tsr", "sigstage_tsa_response_without_embedded_certs.tsr"})
    void sigstageTimestampsVerifyOverTestNewline(String name) throws Exception {
        Bytes response = TimestampTokenTest.response("valid/" + name);
        VerifiedTimestamp verified = verifierFor(STAGING).verify(response, TimestampTokenTest.TEST_LF);
        assertThat(verified.genTime()).isEqualTo(TimestampToken.parseResponse(response).genTime());
        assertThat(verified.authority().signingCertificate().getSubjectX500Principal().getName()).contains("CN=sigstore-tsa");
        assertThat(verifierFor("java/trustroot/staging_trusted_root_with_one_tsa.json").verify(response, TimestampTokenTest.TEST_LF).genTime())
                .isEqualTo(verified.genTime());
        assertThat(reasonOf(() -> verifierFor(STAGING).verify(response, Bytes.utf8("test"))))
                .isEqualTo(Reason.IMPRINT_MISMATCH);
        assertThat(reasonOf(() -> verifierFor("java/trustroot/staging_trusted_root_with_outdated_tsa.json")
                .verify(response, TimestampTokenTest.TEST_LF))).isEqualTo(Reason.OUTSIDE_TSA_VALIDITY);
        // the production 2025 TSA is another key
        assertThat(reasonOf(() -> verifierFor("java/trustroot/trusted_root.json").verify(response, TimestampTokenTest.TEST_LF)))
                .isEqualTo(Reason.UNTRUSTED_TSA);
    }

    @Test
    void freeTsaIsUntrusted() {
        assertThat(reasonOf(() -> verifierFor(STAGING).verify(TimestampTokenTest.response("valid/freetsa_response.tsr"), Bytes.EMPTY)))
                .isEqualTo(Reason.UNTRUSTED_TSA);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "valid/sigstore_tsa_response_with_embedded_certs.tsr",
        "valid/sigstore_tsa_response_without_embedded_certs.tsr",
        "invalid/sigstore_tsa_response_invalid.tsr"})
    void unparsableTokensAreMalformed(String name) {
        assertThat(reasonOf(() -> verifierFor("java/trustroot/trusted_root.json").verify(TimestampTokenTest.response(name), Bytes.EMPTY)))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void tamperedSignatureIsRejected() throws Exception {
        byte[] der = Vectors.bytes(TimestampTokenTest.DIR + "valid/sigstage_tsa_response_without_embedded_certs.tsr");
        der[der.length - 1] ^= 0x01; // the last byte belongs to the DER ECDSA signature's s value
        assertThat(reasonOf(() -> verifierFor(STAGING).verify(Bytes.of(der), TimestampTokenTest.TEST_LF))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    // ---- conformance bundles: the timestamp stamps the bundle's signature bytes ----

    record BundleStamp(Bytes response, Bytes signature, X509Certificate leaf) {
    }

    static BundleStamp stamp(String folder) throws Exception {
        String path = "conformance/bundle-verify/" + folder + "/bundle.sigstore.json";
        JsonNode bundle = new ObjectMapper().readTree(Vectors.bytes(path));
        // rekor2-timestamp-with-incorrect-time_fail wraps this base64 at 76 columns (Go's decoder skips the newlines)
        Bytes response = Bytes.fromBase64(bundle.path("verificationMaterial").path("timestampVerificationData")
                .path("rfc3161Timestamps").path(0).path("signedTimestamp").asText().replaceAll("[\\r\\n]", ""));
        String signature = bundle.has("messageSignature") ? bundle.path("messageSignature").path("signature").asText()
                : bundle.path("dsseEnvelope").path("signatures").path(0).path("sig").asText();
        return new BundleStamp(response, Bytes.fromBase64(signature), TestTrustedRoot.bundleCertificates(path).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rekor2-happy-path", "rekor2-timestamp-with-embedded-cert", "rekor2-timestamp-without-embedded-cert",
        "rekor2-timestamp-with-expired-cert-chain", "trust-root-tsa-validity-end-inclusive", "rekor2-dsse-happy-path"})
    void conformanceTimestampsVerify(String folder) throws Exception {
        BundleStamp stamp = stamp(folder);
        VerifiedTimestamp verified = verifierFor("conformance/bundle-verify/" + folder + "/trusted_root.json").verify(stamp.response(), stamp.signature());
        // the verified time lies within the signing certificate's life, which the bundle verifier will check
        assertThat(verified.genTime()).isBetween(stamp.leaf().getNotBefore().toInstant(), stamp.leaf().getNotAfter().toInstant());
        if (folder.equals("trust-root-tsa-validity-end-inclusive")) {
            assertThat(verified.genTime()).isEqualTo(Instant.parse("2025-06-12T12:02:20Z"));
            assertThat(verified.authority().validUntil()).contains(verified.genTime());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rekor2-timestamp-outside-trust-root-tsa-validity_fail, OUTSIDE_TSA_VALIDITY",
        "rekor2-timestamp-outside-tsa-cert-validity_fail, CERT_NOT_VALID_AT_GENTIME",
        "rekor2-timestamp-payload-mismatch_fail, IMPRINT_MISMATCH",
        "rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail, UNTRUSTED_TSA",
        "rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail, UNTRUSTED_TSA"})
    void conformanceTimestampFailures(String folder, Reason expected) throws Exception {
        BundleStamp stamp = stamp(folder);
        assertThat(reasonOf(() -> verifierFor("conformance/bundle-verify/" + folder + "/trusted_root.json")
                .verify(stamp.response(), stamp.signature()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rekor2-timestamp-with-incorrect-time_fail", "intoto-tsa-timestamp-outside-cert-validity_fail"})
    void validTokensAtTimesTheSigningCertificateDidNotCover(String folder) throws Exception {
        // the token itself is sound; the bundle verifier must reject it because genTime is outside the leaf's validity
        BundleStamp stamp = stamp(folder);
        VerifiedTimestamp verified = verifierFor("conformance/bundle-verify/" + folder + "/trusted_root.json").verify(stamp.response(), stamp.signature());
        Instant genTime = verified.genTime();
        assertThat(genTime.isBefore(stamp.leaf().getNotBefore().toInstant()) || genTime.isAfter(stamp.leaf().getNotAfter().toInstant()))
                .isTrue();
    }

    @Test
    void noTrustedTsasMeansUntrusted() {
        assertThat(reasonOf(() -> TimestampVerifier.create(List.of())
                .verify(TimestampTokenTest.response("valid/sigstage_tsa_response_with_embedded_certs.tsr"), TimestampTokenTest.TEST_LF)))
                .isEqualTo(Reason.UNTRUSTED_TSA);
    }
}
