package dev.hallmark.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleCodecTest {

    private static Bundle parse(String vector) throws FormatException {
        return BundleCodec.parse(Vectors.bytes(vector));
    }

    @Test
    void readsEveryVersionAndContentKind() throws Exception {
        Bundle v01 = parse("conformance/bundle-verify/happy-path-v0.1/bundle.sigstore.json");
        assertThat(v01.version()).isEqualTo(BundleVersion.V0_1);
        assertThat(v01.verificationMaterial().keyMaterial()).isInstanceOf(KeyMaterial.CertificateChain.class);
        assertThat(v01.content()).isInstanceOf(MessageSignature.class);
        TlogEntry entry = v01.verificationMaterial().tlogEntries().get(0);
        assertThat(entry.logIndex()).isEqualTo(27246492L);
        assertThat(entry.integratedTime()).isEqualTo(1689177396L);
        assertThat(entry.kind()).isEqualTo("hashedrekord");
        assertThat(entry.signedEntryTimestamp()).isPresent();
        assertThat(entry.inclusionProof()).get().satisfies(p -> {
            assertThat(p.logIndex()).isEqualTo(23083061L);
            assertThat(p.treeSize()).isEqualTo(23083062L);
            assertThat(p.rootHash().length()).isEqualTo(32);
            assertThat(p.checkpoint()).get().asString().startsWith("rekor.sigstore.dev - ");
        });

        Bundle v03 = parse("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
        assertThat(v03.version()).isEqualTo(BundleVersion.V0_3);
        assertThat(v03.verificationMaterial().keyMaterial()).isInstanceOf(KeyMaterial.Certificate.class);

        Bundle dsse = parse("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json");
        assertThat(dsse.content()).isInstanceOfSatisfying(DsseContent.class,
                d -> assertThat(d.envelope().payloadType()).isEqualTo("application/vnd.in-toto+json"));

        Bundle keyed = parse("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json");
        assertThat(keyed.verificationMaterial().keyMaterial())
                .isEqualTo(new KeyMaterial.PublicKeyHint("SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U"));

        Bundle rekor2 = parse("conformance/bundle-verify/rekor2-happy-path/bundle.sigstore.json");
        assertThat(rekor2.verificationMaterial().rfc3161Timestamps()).hasSize(1);
        assertThat(rekor2.verificationMaterial().tlogEntries().get(0).integratedTime()).isZero();
    }

    @Test
    void readsBothSpellingsOfV03() throws Exception {
        assertThat(parse("java/bundles/bundle.v3.sigstore").version()).isEqualTo(BundleVersion.V0_3);
        assertThat(parse("java/bundles/bundle.v3_1.sigstore").version()).isEqualTo(BundleVersion.V0_3);
    }

    @Test
    void acceptsV01WithPromiseButNoProofAsNpmServesThem() throws Exception {
        Bundle b = parse("java/bundles/bundle.v1.no.inclusion.sigstore");
        assertThat(b.verificationMaterial().tlogEntries().get(0).inclusionProof()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "conformance/bundle-verify/bundle-malformed-json_fail/bundle.sigstore.json",
        "conformance/bundle-verify/bundle-unknown-version_fail/bundle.sigstore.json",
        "conformance/bundle-verify/bundle-negative-log-index_fail/bundle.sigstore.json",
        "conformance/bundle-verify/bundle-invalid-base64-signature_fail/bundle.sigstore.json",
        "conformance/bundle-verify/bundle-empty-certificate-chain_fail/bundle.sigstore.json",
        "conformance/bundle-verify/intoto-missing-inclusion-proof_fail/bundle.sigstore.json",
        "conformance/bundle-verify/rekor2-no-inclusion-proof_fail/bundle.sigstore.json",
        "java/bundles/bundle.v2.no.inclusion.sigstore",
        "java/bundles/bundle.v3.no.inclusion.sigstore",
        "java/bundles/bundle.v3_1.no.inclusion.sigstore",
        // v0.3 with a certificate chain: the bundle spec forbids it; sigstore-js rejects it, sigstore-java accepts it.
        "java/bundles/bundle-no-digest.sigstore",
    })
    void rejectsStructurallyInvalidBundles(String vector) {
        assertThatThrownBy(() -> parse(vector)).isInstanceOf(FormatException.class);
    }

    @Test
    void writesV03ThatReadsBackEqual() throws Exception {
        for (String vector : List.of(
                "conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json",
                "conformance/bundle-verify/rekor2-happy-path/bundle.sigstore.json",
                "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json")) {
            Bundle b = parse(vector);
            assertThat(BundleCodec.parse(BundleCodec.write(b))).as(vector).isEqualTo(b);
        }
        // A v0.2 keyed bundle comes back as v0.3 with the same content.
        Bundle v02 = parse("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json");
        Bundle v03 = BundleCodec.parse(BundleCodec.write(v02));
        assertThat(v03.version()).isEqualTo(BundleVersion.V0_3);
        assertThat(v03.verificationMaterial()).isEqualTo(v02.verificationMaterial());
        assertThat(v03.content()).isEqualTo(v02.content());
    }

    @Test
    void writesAnOldChainBundleAsV03WithItsLeaf() throws Exception {
        Bundle v01 = parse("java/bundles/bundle.v1.sigstore");
        Bundle v03 = BundleCodec.parse(BundleCodec.write(v01));
        assertThat(v03.version()).isEqualTo(BundleVersion.V0_3);
        assertThat(((KeyMaterial.Certificate) v03.verificationMaterial().keyMaterial()).der())
                .isEqualTo(((KeyMaterial.CertificateChain) v01.verificationMaterial().keyMaterial()).certificates().get(0));
    }

    @Test
    void refusesToWriteAV03WithoutInclusionProofs() throws Exception {
        Bundle promiseOnly = parse("npm/sigstore-js/bundleV01-full-cert-chain.sigstore");
        assertThatThrownBy(() -> BundleCodec.write(promiseOnly)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsHostileInput() {
        String good = Vectors.text("conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
        // both contents at once
        String both = good.replaceFirst("\"messageSignature\"", "\"dsseEnvelope\": {\"payload\":\"\",\"payloadType\":\"x\",\"signatures\":[]}, \"messageSignature\"");
        assertThatThrownBy(() -> BundleCodec.parse(bytes(both))).isInstanceOf(FormatException.class);
        // absurd nesting
        String deep = "{\"mediaType\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> BundleCodec.parse(bytes(deep))).isInstanceOf(FormatException.class);
        // oversized
        assertThatThrownBy(() -> BundleCodec.parse(new byte[BundleCodec.MAX_BYTES + 1])).isInstanceOf(FormatException.class);
        // not an object, empty, binary
        assertThatThrownBy(() -> BundleCodec.parse(bytes("[]"))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> BundleCodec.parse(new byte[0])).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> BundleCodec.parse(new byte[] {(byte) 0xff, 0x00, 0x7b})).isInstanceOf(FormatException.class);
        // a log index beyond int64
        String huge = good.replaceFirst("\"logIndex\": \"[0-9]+\"", "\"logIndex\": \"99999999999999999999\"");
        assertThatThrownBy(() -> BundleCodec.parse(bytes(huge))).isInstanceOf(FormatException.class);
    }

    @Test
    void rejectsAnAbsurdCertificateChain() {
        String chainBundle = Vectors.text("conformance/bundle-verify/happy-path-v0.1/bundle.sigstore.json");
        String cert = "{\"rawBytes\": \"MIIB\"}";
        String many = chainBundle.replaceFirst("\"certificates\": \\[", "\"certificates\": [" + (cert + ",").repeat(50));
        assertThatThrownBy(() -> BundleCodec.parse(bytes(many))).isInstanceOf(FormatException.class).hasMessageContaining("longer than");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
