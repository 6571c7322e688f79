package dev.hallmark.core.rekor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSignature;
import dev.hallmark.core.dsse.EnvelopeSigner;
import dev.hallmark.core.json.Json;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The builders reproduce the bodies Rekor stored for real bundles, byte for byte. */
class ProposedEntryTest {
    private static BundleVectors.Entry entry(String vector) {
        return BundleVectors.all().stream().filter(e -> e.label().equals(vector)).findFirst().orElseThrow();
    }

    private static Envelope envelope(BundleVectors.Entry entry) throws FormatException {
        return Envelope.fromJson(entry.dsseEnvelope().orElseThrow());
    }

    /** The PEM of the bundle's verifier: its leaf certificate, or the npm registry key its hint names. */
    private static String verifierPem(BundleVectors.Entry entry) throws FormatException {
        Bytes certificate = entry.certificate();
        if (certificate != null) {
            return VerifierKey.certificate(certificate).toPem();
        }
        return RekorKeys.npmKeyPem(entry.bundle().get("verificationMaterial").get("publicKey").get("hint").textValue());
    }

    @Test
    void hashedRekordV001IsByteExactForEveryMatchingVector() throws FormatException {
        int rebuilt = 0;
        for (BundleVectors.Entry e : BundleVectors.all()) {
            JsonNode ms = e.messageSignature().orElse(null);
            if (ms == null || e.certificate() == null || !ms.has("messageDigest")
                    || !"hashedrekord".equals(e.tlogEntry().get("kindVersion").get("kind").textValue())
                    || !"0.0.1".equals(e.tlogEntry().get("kindVersion").get("version").textValue())
                    || e.label().contains("_fail")) {
                continue;
            }
            Digest digest = Digest.of(HashAlgorithm.parse(ms.get("messageDigest").get("algorithm").textValue()),
                    Bytes.fromBase64(ms.get("messageDigest").get("digest").textValue()));
            byte[] body = HashedRekordV001.canonical(digest, Bytes.fromBase64(ms.get("signature").textValue()),
                    VerifierKey.certificate(e.certificate()));
            if (!e.label().startsWith("java/bundles/bundle-with-wrong-tlog-entry")) {
                assertThat(Bytes.of(body)).as(e.label()).isEqualTo(e.body());
                rebuilt++;
            }
        }
        assertThat(rebuilt).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({
        "conformance/bundle-verify/rekor2-happy-path/bundle.sigstore.json",
        "java/bundles/bundle-with-rekor-v2-entry.sigstore",
    })
    void hashedRekordV002IsByteExact(String vector) throws FormatException {
        BundleVectors.Entry e = entry(vector);
        JsonNode ms = e.messageSignature().orElseThrow();
        VerifierKey key = VerifierKey.certificate(e.certificate());
        PublicKey publicKey = key.toPublicKey();
        String keyDetails = SignatureAlgorithm.defaultFor(publicKey).keyDetails(publicKey);
        byte[] body = HashedRekordV002.canonical(
                Digest.of(HashAlgorithm.SHA2_256, Bytes.fromBase64(ms.get("messageDigest").get("digest").textValue())),
                Bytes.fromBase64(ms.get("signature").textValue()), new EntryVerifier(key, keyDetails));
        assertThat(Bytes.of(body)).isEqualTo(e.body());
    }

    @Test
    void hashedRekordV002ForDsseIsOverThePae() throws FormatException {
        BundleVectors.Entry e = entry("java/bundles/bundle.dsse.rekor-v2.sigstore");
        Envelope envelope = envelope(e);
        VerifierKey key = VerifierKey.certificate(e.certificate());
        byte[] body = HashedRekordV002.canonical(Digest.sha256(envelope.pae().toArray()), envelope.signatures().get(0).sig(),
                new EntryVerifier(key, "PKIX_ECDSA_P256_SHA_256"));
        assertThat(Bytes.of(body)).isEqualTo(e.body());
    }

    /**
     * dsse 0.0.1 including envelopeHash: the envelope text npm submitted is reproducible. npm 11 (2026) leaves an empty
     * keyid out; sigstore-js of 2023 and sigstore-java wrote {@code "keyid":""}; a non-empty keyid is always written.
     */
    @ParameterizedTest
    @CsvSource({
        "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json, false",
        "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json, false",
        "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-attestations.json#0, false",
        "npm/playwright-cli-0.1.1/playwright-cli-0.1.1-attestations.json#1, false",
        "conformance/bundle-verify/happy-path-intoto-in-dsse-v3/bundle.sigstore.json, false",
        "npm/sigstore-js/bundleV01-dsse-no-proof.sigstore, true",
        "npm/sigstore-js/bundleV02-dsse.sigstore, true",
        "npm/sigstore-js/bundleV03-dsse.sigstore, true",
        "java/bundles/bundle.dsse.sigstore, true",
    })
    void dsseV001IsByteExactIncludingTheEnvelopeHash(String vector, boolean emptyKeyid) throws Exception {
        BundleVectors.Entry e = entry(vector);
        DsseV001 rebuilt = DsseV001.fromProposed(envelope(e).toJson(emptyKeyid), List.of(verifierPem(e)));
        assertThat(Bytes.of(rebuilt.canonicalize())).isEqualTo(e.body());
    }

    @Test
    void dsseV001WithTheOtherKeyidFormOnlyDiffersInEnvelopeHash() throws Exception {
        BundleVectors.Entry e = entry("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json");
        DsseV001 original = (DsseV001) EntryBody.parse(e.body());
        DsseV001 rebuilt = DsseV001.fromProposed(envelope(e).toJson(true), List.of(verifierPem(e)));
        assertThat(rebuilt.envelopeHash()).isNotEqualTo(original.envelopeHash());
        assertThat(new DsseV001(rebuilt.payloadHash(), original.envelopeHash(), rebuilt.signatures())).isEqualTo(original);
    }

    @Test
    void dsseV001SortsAndDeduplicatesSignaturesAndPairsEachWithItsKey() throws Exception {
        Signer a = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Signer b = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Bytes payload = Bytes.utf8("{}");
        EnvelopeSignature sa = EnvelopeSigner.withoutKeyid(a).sign("t", payload).signatures().get(0);
        EnvelopeSignature sb = EnvelopeSigner.withoutKeyid(b).sign("t", payload).signatures().get(0);
        Envelope envelope = new Envelope("t", payload, List.of(sb, sa, sb));
        DsseV001 body = DsseV001.fromProposed(envelope.toJson(), List.of(Keys.toPem(a.publicKey()), Keys.toPem(b.publicKey())));
        List<String> b64 = body.signatures().stream().map(s -> s.signature().base64()).toList();
        assertThat(b64).hasSize(2).isSorted();
        for (DsseV001.Signature s : body.signatures()) {
            Signer signer = s.signature().equals(sa.sig()) ? a : b;
            assertThat(s.verifier().der()).isEqualTo(Keys.spki(signer.publicKey()));
        }
        assertThat(body.envelopeHash()).contains(Digest.sha256(envelope.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(EntryBody.parse(Bytes.of(body.canonicalize()))).isEqualTo(body);
    }

    @Test
    void dsseV001RefusesAnEnvelopeItsVerifiersDoNotSign() throws Exception {
        BundleVectors.Entry e = entry("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json");
        String otherKey = Keys.toPem(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey());
        assertThatThrownBy(() -> DsseV001.fromProposed(envelope(e).toJson(), List.of(otherKey)))
                .isInstanceOf(BadSignatureException.class);
        assertThatThrownBy(() -> DsseV001.fromProposed(envelope(e).toJson(), List.of())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DsseV001.fromProposed("{", List.of(otherKey))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> DsseV001.fromProposed(envelope(e).toJson(), List.of("not pem"))).isInstanceOf(FormatException.class);
    }

    /** sigstore-js submits 64-column PEM without a final newline, and Rekor keeps it as submitted. */
    private static String sigstoreJsPem(BundleVectors.Entry e) throws FormatException {
        return VerifierKey.certificate(e.certificate()).toPem().stripTrailing();
    }

    @ParameterizedTest
    @CsvSource({
        "npm/sigstore-js/bundleV03-intoto.sigstore",
        "npm/sigstore-js/bundleV02-intoto.sigstore",
        "npm/sigstore-go/sigstore.js@2.0.0-provenance.sigstore.json",
    })
    void intotoV002IsByteExact(String vector) throws Exception {
        BundleVectors.Entry e = entry(vector);
        IntotoV002 rebuilt = IntotoV002.fromProposed(envelope(e), List.of(sigstoreJsPem(e)));
        assertThat(Bytes.of(rebuilt.canonicalize())).isEqualTo(e.body());
    }

    @Test
    void earlyIntotoEntriesHashedTheEnvelopeWithoutPublicKey() throws Exception {
        // sigstore@1.3.0 (April 2023): everything but content.hash is reproduced.
        BundleVectors.Entry e = entry("npm/sigstore-go/bundle-provenance.json");
        IntotoV002 original = (IntotoV002) EntryBody.parse(e.body());
        IntotoV002 rebuilt = IntotoV002.fromProposed(envelope(e), List.of(sigstoreJsPem(e)));
        assertThat(rebuilt.hash()).isNotEqualTo(original.hash());
        assertThat(new IntotoV002(rebuilt.payloadType(), rebuilt.payload(), rebuilt.signatures(), original.hash(),
                rebuilt.payloadHash())).isEqualTo(original);
    }

    @Test
    void intotoV002ChecksSignaturesAndKeyCount() throws Exception {
        BundleVectors.Entry e = entry("npm/sigstore-js/bundleV03-intoto.sigstore");
        String otherKey = Keys.toPem(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey());
        assertThatThrownBy(() -> IntotoV002.fromProposed(envelope(e), List.of(otherKey))).isInstanceOf(BadSignatureException.class);
        assertThatThrownBy(() -> IntotoV002.fromProposed(envelope(e), List.of())).isInstanceOf(FormatException.class);
    }

    @Test
    void intotoSignatureIsDecodedOnceToTheBundlesBase64() throws FormatException {
        BundleVectors.Entry e = entry("npm/sigstore-js/bundleV03-intoto.sigstore");
        IntotoV002 body = (IntotoV002) EntryBody.parse(e.body());
        EnvelopeSignature bundleSig = envelope(e).signatures().get(0);
        assertThat(body.signatures().get(0).sig()).isEqualTo(bundleSig.sig().base64());
        assertThat(body.signatures().get(0).rawSignature()).isEqualTo(bundleSig.sig());
        assertThat(body.payload()).isEqualTo(Optional.empty());
        assertThat(body.payloadHash()).isEqualTo(Digest.sha256(envelope(e).payload().toArray()));
    }

    @Test
    void builtBodiesParseBack() throws Exception {
        Signer signer = Signer.generate(SignatureAlgorithm.ED25519);
        VerifierKey key = VerifierKey.publicKey(Keys.spki(signer.publicKey()));
        Digest digest = Digest.sha256(new byte[] {1});
        Bytes sig = signer.sign(new byte[] {1});
        assertThat(EntryBody.parse(Bytes.of(HashedRekordV001.canonical(digest, sig, key))))
                .isEqualTo(new HashedRekordV001(digest, sig, key));
        EntryVerifier verifier = new EntryVerifier(key, "PKIX_ED25519");
        assertThat(EntryBody.parse(Bytes.of(HashedRekordV002.canonical(digest, sig, verifier))))
                .isEqualTo(new HashedRekordV002(digest, sig, verifier));
        Envelope envelope = EnvelopeSigner.withoutKeyid(signer).sign("application/vnd.in-toto+json", Bytes.utf8("{}"));
        IntotoV002 intoto = IntotoV002.fromProposed(envelope, List.of(Keys.toPem(signer.publicKey())));
        assertThat(EntryBody.parse(Bytes.of(intoto.canonicalize()))).isEqualTo(intoto);
        List<DsseV002.Signature> sigs = new ArrayList<>(List.of(new DsseV002.Signature(sig, verifier)));
        DsseV002 dsse = new DsseV002(digest, sigs);
        assertThat(EntryBody.parse(Bytes.of(dsse.canonicalize()))).isEqualTo(dsse);
    }
}
