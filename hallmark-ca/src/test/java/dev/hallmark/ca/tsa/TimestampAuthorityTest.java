package dev.hallmark.ca.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.ca.api.CaApiResponse;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.tsp.TimestampException;
import dev.hallmark.core.tsp.TimestampRequests;
import dev.hallmark.core.tsp.TimestampVerifier;
import dev.hallmark.core.tsp.VerifiedTimestamp;
import dev.hallmark.core.x509.Certificates;
import java.math.BigInteger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

class TimestampAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final TsaChain CHAIN = TsaChain.create(Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384),
            Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384), NOW.minusSeconds(3600));
    private final TimestampAuthority tsa = TimestampAuthority.create(CHAIN, InstantSource.fixed(NOW.plusMillis(700)));
    /** A TrustedRoot-like TSA entry built from what the TSA publishes at /api/v1/timestamp/certchain. */
    private final TimestampVerifier verifier;
    private final Bytes signature = Bytes.utf8("the bundle's signature bytes");

    TimestampAuthorityTest() throws Exception {
        var published = Certificates.parsePemChain(tsa.certChain().bodyText());
        verifier = TimestampVerifier.create(List.of(new dev.hallmark.core.tsp.TimestampAuthority(published,
                published.getLast().getNotBefore().toInstant(), java.util.Optional.empty())));
    }

    private static TimeStampToken bcToken(CaApiResponse response) throws Exception {
        return new TimeStampResponse(response.body().toArray()).getTimeStampToken();
    }

    @Test
    void derRequestYieldsAVerifiableTokenWithNonceAndCertificates() throws Exception {
        Bytes request = TimestampRequests.create(HashAlgorithm.SHA2_256.digest(signature), BigInteger.valueOf(123456789), true);
        CaApiResponse response = tsa.timestamp(request, "application/timestamp-query");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/timestamp-reply");
        VerifiedTimestamp verified = verifier.verify(response.body(), signature);
        assertThat(verified.genTime()).isEqualTo(NOW);
        assertThat(verified.token().nonce()).contains(BigInteger.valueOf(123456789));
        assertThat(verified.token().policy()).isEqualTo("1.3.6.1.4.1.57264.2");
        assertThat(verified.token().embeddedCertificates()).containsExactlyInAnyOrderElementsOf(CHAIN.certificates()); // a DER SET: sorted

        TimeStampToken token = bcToken(response);
        assertThat(token.getTimeStampInfo().getAccuracy().getSeconds().intValueExact()).isEqualTo(1);
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificate)).isNull();
    }

    @Test
    void jsonRequestAsSigstoreJsSendsIt() throws Exception {
        ObjectNode json = Json.object();
        json.put("artifactHash", HashAlgorithm.SHA2_256.digest(signature).value().base64());
        json.put("hashAlgorithm", "sha256");
        json.put("certificates", false);
        json.put("nonce", new BigInteger("987654321987654321987654321"));
        CaApiResponse response = tsa.timestamp(Bytes.of(Json.write(json)), "application/json; charset=utf-8");

        assertThat(response.status()).isEqualTo(200);
        VerifiedTimestamp verified = verifier.verify(response.body(), signature);
        assertThat(verified.token().nonce()).contains(new BigInteger("987654321987654321987654321"));
        assertThat(verified.token().embeddedCertificates()).isEmpty();
    }

    @Test
    void requestedPolicyAndSha384Imprint() throws Exception {
        ObjectNode json = Json.object();
        json.put("artifactHash", HashAlgorithm.SHA2_384.digest(signature).value().base64());
        json.put("hashAlgorithm", "sha384");
        json.put("tsaPolicyOID", "1.2.3.4.5");
        CaApiResponse response = tsa.timestamp(Bytes.of(Json.write(json)), "application/json");
        VerifiedTimestamp verified = verifier.verify(response.body(), signature);
        assertThat(verified.token().policy()).isEqualTo("1.2.3.4.5");
        assertThat(verified.token().messageImprint().algorithm()).isEqualTo(HashAlgorithm.SHA2_384);
        assertThat(verified.token().nonce()).isEmpty();
    }

    @Test
    void imprintMismatchIsDetected() {
        Bytes request = TimestampRequests.create(HashAlgorithm.SHA2_256.digest(signature), BigInteger.ONE, false);
        CaApiResponse response = tsa.timestamp(request, "application/timestamp-query");
        assertThatThrownBy(() -> verifier.verify(response.body(), Bytes.utf8("other bytes")))
                .isInstanceOfSatisfying(TimestampException.class,
                        e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.IMPRINT_MISMATCH));
    }

    @Test
    void signingCertificateIsATimeStampingLeaf() throws Exception {
        var leaf = CHAIN.signingCertificate();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(TsaChain.fromPem(CHAIN.pem(), CHAIN.signer()).certificates()).isEqualTo(CHAIN.certificates());
        assertThat(Certificates.parsePemChain(tsa.certChain().bodyText())).containsExactly(leaf, CHAIN.root());
    }

    @Test
    void badRequests() throws Exception {
        assertThat(tsa.timestamp(Bytes.utf8("not der"), "application/timestamp-query").status()).isEqualTo(400);
        ObjectNode shortHash = Json.object().put("artifactHash", Bytes.utf8("short").base64()).put("hashAlgorithm", "sha256");
        assertThat(tsa.timestamp(Bytes.of(Json.write(shortHash)), "application/json").status()).isEqualTo(400);
        ObjectNode md5 = Json.object().put("artifactHash", Bytes.of(new byte[16]).base64()).put("hashAlgorithm", "md5");
        assertThat(tsa.timestamp(Bytes.of(Json.write(md5)), "application/json").status()).isEqualTo(400);
        ObjectNode negativeNonce = Json.object().put("artifactHash", HashAlgorithm.SHA2_256.digest(signature).value().base64())
                .put("nonce", -1);
        assertThat(tsa.timestamp(Bytes.of(Json.write(negativeNonce)), "application/json").status()).isEqualTo(400);
        Bytes sha1 = Bytes.of(new org.bouncycastle.tsp.TimeStampRequestGenerator()
                .generate(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1, new byte[20]).getEncoded());
        assertThat(tsa.timestamp(sha1, "application/timestamp-query").status()).isEqualTo(400);
        Bytes valid = TimestampRequests.create(Digest.of(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_256.digest(signature).value()), false);
        assertThat(tsa.timestamp(valid, "text/plain").status()).isEqualTo(415);
        assertThat(tsa.timestamp(Bytes.of(new byte[TimestampAuthority.MAX_BODY_BYTES + 1]), "application/timestamp-query").status())
                .isEqualTo(413);
    }
}
