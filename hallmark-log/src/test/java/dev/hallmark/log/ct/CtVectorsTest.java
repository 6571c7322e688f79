package dev.hallmark.log.ct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against the certificate-transparency project's sample precertificate, final certificate and log key: the leaf this
 * log builds from the precertificate chain is exactly what that log signed for the embedded SCT (RFC 6962 §3.2).
 */
class CtVectorsTest {
    private static final String DIR = "java/certificatetransparency/";

    @Test
    void leafFromThePrecertificateChainIsWhatTheRealLogSigned() throws Exception {
        X509Certificate precert = Certificates.parsePemChain(Vectors.text(DIR + "cert-ct-poisoned.pem")).get(0);
        X509Certificate issued = Certificates.parsePemChain(Vectors.text(DIR + "cert-ct-embedded.pem")).get(0);
        X509Certificate ca = Certificates.parsePemChain(Vectors.text(DIR + "ca-cert.pem")).get(0);
        SignedCertificateTimestamp sct = SignedCertificateTimestamp.embedded(issued).get(0);

        ChainChecker.Accepted accepted = new ChainChecker(List.of(ca), 10).check(CtFixture.chainJson(precert, ca), true, 1 << 20);
        MerkleTreeLeaf leaf = new MerkleTreeLeaf(sct.timestampMillis(), accepted.entry(), sct.extensions());

        assertThat(leaf.encode().toArray()).isEqualTo(sct.signedData(issued, ca));
        SignatureAlgorithm.ECDSA_P256_SHA256.verifier(Keys.publicKeyFromPem(Vectors.text(DIR + "ct-server-key-public.pem")))
                .verify(leaf.encode(), sct.signature());
        assertThat(MerkleTreeLeaf.parse(leaf.encode())).isEqualTo(leaf);
        assertThat(accepted.chain()).containsExactly(precert, ca);
    }
}
