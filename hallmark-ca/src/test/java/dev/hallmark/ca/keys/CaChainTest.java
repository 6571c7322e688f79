package dev.hallmark.ca.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.ca.testing.Fixtures;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.CertificateLinks;
import dev.hallmark.core.x509.Certificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaChainTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Signer rootSigner = Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384);
    private final Signer intermediateSigner = Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384);

    @Test
    void rootAndIntermediateHaveTheFulcioCaProfile() throws Exception {
        CaChain chain = CaChain.create(rootSigner, intermediateSigner, NOW);
        X509Certificate root = chain.root();
        X509Certificate intermediate = chain.intermediate();

        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=hallmark-root,O=hallmark");
        assertThat(Certificates.isSelfSigned(root)).isTrue();
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(root.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.plus(CaChain.VALIDITY));
        assertThat(root.getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.3"); // ecdsa-with-SHA384

        assertThat(intermediate.getSubjectX500Principal().getName()).isEqualTo("CN=hallmark-intermediate,O=hallmark");
        assertThat(CertificateLinks.issuedBy(intermediate, root)).isTrue();
        assertThat(intermediate.getBasicConstraints()).isZero();
        assertThat(intermediate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        assertThat(intermediate.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(intermediate.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(intermediate.getPublicKey()).isEqualTo(intermediateSigner.publicKey());
        assertThat(chain.certificates()).containsExactly(intermediate, root);
    }

    @Test
    void restartReusesTheStoredChain() throws Exception {
        CaChain created = CaChain.create(rootSigner, intermediateSigner, NOW);
        CaChain reloaded = CaChain.fromPem(created.pem(), intermediateSigner);
        assertThat(reloaded.root()).isEqualTo(created.root());
        assertThat(reloaded.intermediate()).isEqualTo(created.intermediate());
        assertThat(reloaded.pem()).isEqualTo(created.pem());
    }

    @Test
    void storedChainMustFitTheSigner() {
        CaChain created = CaChain.create(rootSigner, intermediateSigner, NOW);
        Signer other = Signer.generate(SignatureAlgorithm.ECDSA_P384_SHA384);
        assertThatThrownBy(() -> CaChain.fromPem(created.pem(), other)).isInstanceOf(FormatException.class);
        String swapped = Certificates.toPem(created.root()) + Certificates.toPem(created.intermediate());
        assertThatThrownBy(() -> CaChain.fromPem(swapped, intermediateSigner)).isInstanceOf(FormatException.class);
        String foreignRoot = created.pem().substring(0, created.pem().indexOf("-----END CERTIFICATE-----") + 26)
                + Certificates.toPem(Fixtures.chain().root());
        assertThatThrownBy(() -> CaChain.fromPem(foreignRoot, intermediateSigner)).isInstanceOf(FormatException.class);
    }

    @Test
    void p256AndRsaCaKeysWorkEd25519DoesNot() {
        Signer p256 = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(CaChain.create(p256, p256, NOW).intermediate().getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        assertThatThrownBy(() -> CaChain.create(ed, intermediateSigner, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
