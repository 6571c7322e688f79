package dev.hallmark.core.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.x509.CertificateCheckException.Reason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChainValidatorTest {
    private static final String PRODUCTION = "conformance/trusted_root.production.json";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static Reason reasonOf(Executable call) {
        try {
            call.execute();
        } catch (CertificateCheckException e) {
            return e.reason();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
        throw new AssertionError("validation unexpectedly succeeded");
    }

    @Test
    void playwrightLeafValidatesAgainstProductionAndItsSctVerifies() throws Exception {
        X509Certificate leaf = FulcioCertificateTest.playwrightLeaf();
        TestTrustedRoot root = TestTrustedRoot.load(PRODUCTION);
        ChainValidator validator = ChainValidator.forCodeSigning(root.certificateAuthorities());
        Instant at = leaf.getNotBefore().toInstant().plus(Duration.ofMinutes(1));

        ValidatedChain chain = validator.validate(leaf, List.of(), at);
        assertThat(chain.path()).hasSize(3);
        assertThat(chain.leaf()).isEqualTo(leaf);
        assertThat(chain.issuer().getSubjectX500Principal().getName()).contains("CN=sigstore-intermediate");
        assertThat(chain.authority()).isEqualTo(root.certificateAuthorities().get(1)); // the 2022 CA
        assertThat(validator.validate(leaf, List.of(), at)).isEqualTo(chain); // second run served from the cache

        SignedCertificateTimestamp sct = SignedCertificateTimestamp.embedded(leaf).get(0);
        TestTrustedRoot.CtLog log = root.ctlogs().stream().filter(l -> l.logId().equals(sct.logId())).findFirst().orElseThrow();
        assertThat(log.logId().base64()).isEqualTo("3T0wasbHETJjGR4cmWc3AqJKXrjePK3/h4pygC8p7o4=");
        sct.verify(SignatureAlgorithm.fromKeyDetails(log.keyDetails()).verifier(Keys.publicKeyFromDer(log.spki())), leaf, chain.issuer());

        Instant afterExpiry = leaf.getNotAfter().toInstant().plusSeconds(1);
        assertThat(reasonOf(() -> validator.validate(leaf, List.of(), afterExpiry))).isEqualTo(Reason.EXPIRED);
        assertThat(reasonOf(() -> validator.validate(leaf, List.of(), leaf.getNotBefore().toInstant().minusSeconds(1))))
                .isEqualTo(Reason.NOT_YET_VALID);
        // both ends of the validity period are inclusive
        validator.validate(leaf, List.of(), leaf.getNotAfter().toInstant());
        validator.validate(leaf, List.of(), leaf.getNotBefore().toInstant());
    }

    @Test
    void playwrightLeafFailsAgainstWrongCaSets() throws Exception {
        X509Certificate leaf = FulcioCertificateTest.playwrightLeaf();
        Instant at = leaf.getNotBefore().toInstant().plusSeconds(60);
        TestPki.Issued other = TestPki.root("CN=other").build();
        var unrelated = List.of(new CertificateAuthority(List.of(other.cert()), Instant.EPOCH, Optional.empty()));
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(unrelated).validate(leaf, List.of(), at)))
                .isEqualTo(Reason.NOT_CHAINED_TO_TRUSTED_CA);
        // staging uses the same names as production, so the names match but the signature does not
        var staging = TestTrustedRoot.load("conformance/trusted_root.staging.json").certificateAuthorities();
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(staging).validate(leaf, List.of(), at))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void caValidityWindowIsEnforcedInclusively() throws Exception {
        X509Certificate leaf = FulcioCertificateTest.playwrightLeaf();
        Instant at = leaf.getNotBefore().toInstant().plusSeconds(60);
        CertificateAuthority ca2022 = TestTrustedRoot.load(PRODUCTION).certificateAuthorities().get(1);
        var endedBefore = new CertificateAuthority(ca2022.chain(), ca2022.validFrom(), Optional.of(at.minusSeconds(1)));
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(List.of(endedBefore)).validate(leaf, List.of(), at)))
                .isEqualTo(Reason.CA_NOT_VALID_AT_TIME);
        var endsExactly = new CertificateAuthority(ca2022.chain(), ca2022.validFrom(), Optional.of(at));
        assertThat(ChainValidator.forCodeSigning(List.of(endsExactly)).validate(leaf, List.of(), at).authority()).isEqualTo(endsExactly);
    }

    @Test
    void bundleSuppliedChainNeverReplacesTheTrustedOne() throws Exception {
        // this v0.1 bundle carries a production leaf with the STAGING intermediate and root: the trusted root decides
        List<X509Certificate> bundle = TestTrustedRoot.bundleCertificates("conformance/bundle-verify/bundle-with-root-cert_fail/bundle.sigstore.json");
        X509Certificate leaf = bundle.get(0);
        Instant at = leaf.getNotBefore().toInstant().plusSeconds(60);
        CertificateAuthority production2022 = TestTrustedRoot.load(PRODUCTION).certificateAuthorities().get(1);
        ValidatedChain chain = ChainValidator.forCodeSigning(List.of(production2022)).validate(leaf, bundle.subList(1, 3), at);
        assertThat(chain.path().subList(1, 3)).isEqualTo(production2022.chain());
        assertThat(Certificates.isSelfSigned(bundle.get(1))).isTrue(); // the root a verifier may reject up front
        var staging = TestTrustedRoot.load("conformance/trusted_root.staging.json").certificateAuthorities();
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(staging).validate(leaf, bundle, at))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void fullChainFromTheBundleEndsAtTheTrustedAnchor() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued intermediate = root.issue("O=test, CN=intermediate").ca(0).build();
        X509Certificate leaf = leafOf(intermediate);
        List<X509Certificate> bundle = List.of(leaf, intermediate.cert(), root.cert());
        ValidatedChain chain = ChainValidator.forCodeSigning(trust(root.cert())).validate(leaf, bundle, AT);
        assertThat(chain.path()).containsExactly(leaf, intermediate.cert(), root.cert());
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(List.of()).validate(leaf, bundle, AT)))
                .isEqualTo(Reason.NOT_CHAINED_TO_TRUSTED_CA);
    }

    @Test
    void conformanceLeafValidatesWithOneArgumentFormToo() throws Exception {
        X509Certificate leaf = TestTrustedRoot.bundleCertificates("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json").get(0);
        var production = TestTrustedRoot.load(PRODUCTION).certificateAuthorities();
        Instant at = leaf.getNotBefore().toInstant().plusSeconds(30);
        assertThat(ChainValidator.validate(leaf, List.of(), production, at).path()).hasSize(3);
    }

    // ---- generated PKI ----

    private static TestPki.Issued root() throws Exception {
        return TestPki.root("O=test, CN=root").build();
    }

    private static X509Certificate leafOf(TestPki.Issued issuer) throws Exception {
        return issuer.issue("CN=leaf").codeSigning().san(new GeneralName(GeneralName.rfc822Name, "a@example.com")).build().cert();
    }

    private static List<CertificateAuthority> trust(X509Certificate... chain) {
        return List.of(new CertificateAuthority(List.of(chain), TestPki.NOT_BEFORE, Optional.empty()));
    }

    @Test
    void generatedChainValidatesWithIntermediateFromEitherSide() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued intermediate = root.issue("O=test, CN=intermediate").ca(0).build();
        X509Certificate leaf = leafOf(intermediate);
        // trusted chain [intermediate, root]
        assertThat(ChainValidator.forCodeSigning(trust(intermediate.cert(), root.cert())).validate(leaf, List.of(), AT).path())
                .containsExactly(leaf, intermediate.cert(), root.cert());
        // trusted chain [root], intermediate from the bundle
        assertThat(ChainValidator.forCodeSigning(trust(root.cert())).validate(leaf, List.of(intermediate.cert()), AT).path())
                .containsExactly(leaf, intermediate.cert(), root.cert());
        // anchor is an intermediate: the chain stops there
        assertThat(ChainValidator.forCodeSigning(trust(intermediate.cert())).validate(leaf, List.of(), AT).path())
                .containsExactly(leaf, intermediate.cert());
    }

    @Test
    void notACa() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued notCa = root.issue("CN=not-a-ca").build();
        TestPki.Issued noCertSign = root.issue("CN=no-cert-sign").ca(0).noKeyCertSign().build();
        var validator = ChainValidator.forCodeSigning(trust(root.cert()));
        assertThat(reasonOf(() -> validator.validate(leafOf(notCa), List.of(notCa.cert()), AT))).isEqualTo(Reason.NOT_A_CA);
        assertThat(reasonOf(() -> validator.validate(leafOf(noCertSign), List.of(noCertSign.cert()), AT))).isEqualTo(Reason.NOT_A_CA);
        // a non-CA inside the trusted chain makes that CA unusable
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(notCa.cert(), root.cert())).validate(leafOf(notCa), List.of(), AT)))
                .isEqualTo(Reason.NOT_A_CA);
    }

    @Test
    void wrongIssuerAndForgedSignature() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued otherRoot = TestPki.root("O=test, CN=other").build();
        var validator = ChainValidator.forCodeSigning(trust(root.cert()));
        assertThat(reasonOf(() -> validator.validate(leafOf(otherRoot), List.of(), AT))).isEqualTo(Reason.NOT_CHAINED_TO_TRUSTED_CA);
        X509Certificate forged = root.issue("CN=leaf").codeSigning().signedBy(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256)).build().cert();
        assertThat(reasonOf(() -> validator.validate(forged, List.of(), AT))).isEqualTo(Reason.BAD_SIGNATURE);
        // an impostor root with the trusted root's name
        TestPki.Issued impostor = TestPki.root("O=test, CN=root").build();
        assertThat(reasonOf(() -> validator.validate(leafOf(impostor), List.of(impostor.cert()), AT))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredCaCertificate() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued expired = root.issue("CN=expired").ca(0).validity(TestPki.NOT_BEFORE, Instant.parse("2025-06-01T00:00:00Z")).build();
        X509Certificate leaf = leafOf(expired);
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(expired.cert(), root.cert())).validate(leaf, List.of(), AT)))
                .isEqualTo(Reason.EXPIRED);
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(root.cert())).validate(leaf, List.of(expired.cert()), AT)))
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void pathTooLong() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued pathLenZero = root.issue("CN=i0").ca(0).build();
        TestPki.Issued below = pathLenZero.issue("CN=i1").ca(-1).build();
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(pathLenZero.cert(), root.cert()))
                .validate(leafOf(below), List.of(below.cert()), AT))).isEqualTo(Reason.PATH_TOO_LONG);

        List<X509Certificate> many = new ArrayList<>();
        TestPki.Issued current = root;
        for (int i = 0; i < Certificates.MAX_CHAIN_LENGTH; i++) {
            current = current.issue("CN=level" + i).ca(-1).build();
            many.add(current.cert());
        }
        X509Certificate deepLeaf = leafOf(current);
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(root.cert())).validate(deepLeaf, many, AT)))
                .isEqualTo(Reason.PATH_TOO_LONG);
        assertThat(ChainValidator.forCodeSigning(trust(root.cert())).validate(leafOf(root), many, AT)
                .path()).hasSize(2);
    }

    @Test
    void selfSignedRootPresentedAsIntermediateIsIgnored() throws Exception {
        TestPki.Issued trustedRoot = root();
        TestPki.Issued rogueRoot = TestPki.root("O=rogue, CN=root").build();
        X509Certificate leaf = leafOf(rogueRoot);
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(trustedRoot.cert())).validate(leaf, List.of(rogueRoot.cert()), AT)))
                .isEqualTo(Reason.NOT_CHAINED_TO_TRUSTED_CA);
    }

    @Test
    void leafMustHaveCodeSigningAndNoUnknownCriticalExtension() throws Exception {
        TestPki.Issued root = root();
        X509Certificate noEku = root.issue("CN=leaf").build().cert();
        X509Certificate poisoned = root.issue("CN=leaf").codeSigning().extension("1.3.6.1.4.1.11129.2.4.3", true, new byte[] {5, 0}).build().cert();
        var validator = ChainValidator.forCodeSigning(trust(root.cert()));
        assertThat(reasonOf(() -> validator.validate(noEku, List.of(), AT))).isEqualTo(Reason.MISSING_EXTENDED_KEY_USAGE);
        assertThat(ChainValidator.create(trust(root.cert()), Optional.empty()).validate(noEku, List.of(), AT).path()).hasSize(2);
        assertThat(reasonOf(() -> validator.validate(poisoned, List.of(), AT))).isEqualTo(Reason.UNSUPPORTED_CRITICAL_EXTENSION);
    }

    @Test
    void brokenTrustedChainIsReported() throws Exception {
        TestPki.Issued root = root();
        TestPki.Issued forgedIntermediate = root.issue("O=test, CN=intermediate").ca(0)
                .signedBy(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256)).build();
        X509Certificate leaf = leafOf(forgedIntermediate);
        assertThat(reasonOf(() -> ChainValidator.forCodeSigning(trust(forgedIntermediate.cert(), root.cert())).validate(leaf, List.of(), AT)))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }
}
