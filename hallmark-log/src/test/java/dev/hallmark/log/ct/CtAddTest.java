package dev.hallmark.log.ct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.api.LogApiResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** add-pre-chain and add-chain on the real engine: the SCTs verify with hallmark-core once embedded as Fulcio does. */
class CtAddTest {
    private CtFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new CtFixture();
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void preChainSctEmbeddedInTheFinalCertificateVerifiesWithCore() throws Exception {
        TestCa.Leaf leaf = TestCa.Leaf.fresh(CtFixture.NOW);
        X509Certificate precert = f.ca.precertificate(leaf);

        LogApiResponse response = f.api.addPreChain(CtFixture.chainJson(precert, f.ca.intermediate.cert(), f.ca.root.cert()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(LogApiResponse.JSON);
        JsonNode json = CtFixture.json(response);
        assertThat(json.get("sct_version").intValue()).isZero();
        assertThat(json.get("extensions").textValue()).isEmpty();
        SignedCertificateTimestamp sct = CtFixture.sct(response);
        Bytes logId = HashAlgorithm.SHA2_256.digest(Keys.spki(f.ctKey.publicKey()).toArray()).value();
        assertThat(sct.logId()).isEqualTo(logId).isEqualTo(f.api.logId());
        assertThat(sct.timestampMillis()).isEqualTo(CtFixture.NOW.toEpochMilli());

        X509Certificate issued = f.ca.finalCertificate(leaf, List.of(sct));
        List<SignedCertificateTimestamp> embedded = SignedCertificateTimestamp.embedded(issued);
        assertThat(embedded).containsExactly(sct);
        embedded.getFirst().verify(f.ctKey.verifier(), issued, f.ca.intermediate.cert());

        // the log signed exactly the leaf it appended: core's rebuild of the signed data is the logged leaf
        f.published(1);
        JsonNode entry = CtFixture.json(f.api.getEntries("0", "0")).get("entries").get(0);
        Bytes leafInput = Bytes.fromBase64(entry.get("leaf_input").textValue());
        assertThat(leafInput.toArray()).isEqualTo(sct.signedData(issued, f.ca.intermediate.cert()));
        MerkleTreeLeaf parsed = MerkleTreeLeaf.parse(leafInput);
        assertThat(parsed.timestampMillis()).isEqualTo(sct.timestampMillis());
        assertThat(parsed.entry()).isInstanceOfSatisfying(MerkleTreeLeaf.PrecertEntry.class, p -> assertThat(p.issuerKeyHash())
                .isEqualTo(HashAlgorithm.SHA2_256.digest(f.ca.intermediate.cert().getPublicKey().getEncoded()).value()));
        // extra_data is the PrecertChainEntry: the precertificate, then intermediate and root
        assertThat(Bytes.fromBase64(entry.get("extra_data").textValue()))
                .isEqualTo(precertChainEntry(precert, f.ca.intermediate.cert(), f.ca.root.cert()));
    }

    @Test
    void sctDoesNotVerifyForAnotherCertificateOrIssuer() throws Exception {
        TestCa.Leaf leaf = TestCa.Leaf.fresh(CtFixture.NOW);
        LogApiResponse response = f.api.addPreChain(CtFixture.chainJson(f.ca.precertificate(leaf), f.ca.intermediate.cert()));
        assertThat(response.status()).isEqualTo(200);
        SignedCertificateTimestamp sct = CtFixture.sct(response);

        TestCa.Leaf other = new TestCa.Leaf(leaf.serial(), leaf.key(), leaf.notBefore(), "intruder@example.com");
        X509Certificate forged = f.ca.finalCertificate(other, List.of(sct));
        assertThatThrownBy(() -> sct.verify(f.ctKey.verifier(), forged, f.ca.intermediate.cert()))
                .isInstanceOf(BadSignatureException.class);
        X509Certificate issued = f.ca.finalCertificate(leaf, List.of(sct));
        assertThatThrownBy(() -> sct.verify(f.ctKey.verifier(), issued, f.ca.root.cert()))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void rootLeftOutOfTheChainIsAppendedToExtraData() throws Exception {
        TestCa.Leaf leaf = TestCa.Leaf.fresh(CtFixture.NOW);
        X509Certificate precert = f.ca.precertificate(leaf);

        LogApiResponse response = f.api.addPreChain(CtFixture.chainJson(precert, f.ca.intermediate.cert()));

        assertThat(response.status()).isEqualTo(200);
        SignedCertificateTimestamp sct = CtFixture.sct(response);
        sct.verify(f.ctKey.verifier(), f.ca.finalCertificate(leaf, List.of(sct)), f.ca.intermediate.cert());
        f.published(1);
        JsonNode entry = CtFixture.json(f.api.getEntries("0", "0")).get("entries").get(0);
        assertThat(Bytes.fromBase64(entry.get("extra_data").textValue()))
                .isEqualTo(precertChainEntry(precert, f.ca.intermediate.cert(), f.ca.root.cert()));
    }

    @Test
    void addChainLogsAnX509EntryWhoseSctSignsTheLeaf() throws Exception {
        X509Certificate cert = f.ca.plain(TestCa.Leaf.fresh(CtFixture.NOW));

        LogApiResponse response = f.api.addChain(CtFixture.chainJson(cert, f.ca.intermediate.cert(), f.ca.root.cert()));

        assertThat(response.status()).isEqualTo(200);
        SignedCertificateTimestamp sct = CtFixture.sct(response);
        // RFC 6962 §3.2 for x509_entry: v1, certificate_timestamp, timestamp, entry type 0, u24 cert, u16 extensions
        Bytes der = Certificates.der(cert);
        Bytes signed = new Tls.Writer().u8(0).u8(0).u64(sct.timestampMillis()).u16(0).vector24(der).u16(0).toBytes();
        f.ctKey.verifier().verify(signed, sct.signature());
        f.published(1);
        JsonNode entry = CtFixture.json(f.api.getEntries("0", "0")).get("entries").get(0);
        assertThat(Bytes.fromBase64(entry.get("leaf_input").textValue())).isEqualTo(signed);
        assertThat(Bytes.fromBase64(entry.get("extra_data").textValue()))
                .isEqualTo(certificateChain(f.ca.intermediate.cert(), f.ca.root.cert()));
    }

    @Test
    void identicalSubmissionsInOneMillisecondShareOneEntry() throws Exception {
        TestCa.Leaf leaf = TestCa.Leaf.fresh(CtFixture.NOW);
        Bytes body = CtFixture.chainJson(f.ca.precertificate(leaf), f.ca.intermediate.cert());
        // the fixed clock makes both leaves identical: the engine's dedup then returns the first index
        assertThat(f.api.addPreChain(body).status()).isEqualTo(200);
        assertThat(f.api.addPreChain(body).status()).isEqualTo(200);
        assertThat(f.engine.latestCheckpoint().size()).isLessThanOrEqualTo(1);
        assertThat(f.published(1).size()).isEqualTo(1);
    }

    static Bytes certificateChain(X509Certificate... chain) {
        Tls.Writer certs = new Tls.Writer();
        for (X509Certificate c : chain) {
            certs.vector24(Certificates.der(c));
        }
        return new Tls.Writer().vector24(certs.toBytes()).toBytes();
    }

    static Bytes precertChainEntry(X509Certificate precert, X509Certificate... chain) {
        return new Tls.Writer().vector24(Certificates.der(precert)).fixed(certificateChain(chain)).toBytes();
    }
}
