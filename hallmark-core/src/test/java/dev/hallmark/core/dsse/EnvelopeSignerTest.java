package dev.hallmark.core.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeSignerTest {
    private static final String TYPE = "application/vnd.in-toto+json";

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ED25519"})
    void signedEnvelopesVerifyOverThePae(SignatureAlgorithm algorithm) throws BadSignatureException {
        Signer signer = Signer.generate(algorithm);
        Envelope envelope = new EnvelopeSigner(signer, "SHA256:key").sign(TYPE, Bytes.utf8("{\"a\":1}"));
        assertThat(envelope.signatures()).singleElement().extracting(EnvelopeSignature::keyid).isEqualTo("SHA256:key");
        assertThat(EnvelopeVerifier.verifySingle(envelope, signer.verifier())).isEqualTo(envelope.signatures().get(0));
        // The signature covers the PAE, not the bare payload.
        assertThatThrownBy(() -> signer.verifier().verify(envelope.payload(), envelope.signatures().get(0).sig()))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void aChangedPayloadOrPayloadTypeFails() {
        Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Envelope envelope = EnvelopeSigner.withoutKeyid(signer).sign(TYPE, Bytes.utf8("{\"a\":1}"));
        Envelope otherPayload = new Envelope(TYPE, Bytes.utf8("{\"a\":2}"), envelope.signatures());
        Envelope otherType = new Envelope("text/plain", envelope.payload(), envelope.signatures());
        assertThatThrownBy(() -> EnvelopeVerifier.verifySingle(otherPayload, signer.verifier())).isInstanceOf(BadSignatureException.class);
        assertThatThrownBy(() -> EnvelopeVerifier.verifyAny(otherType, signer.verifier())).isInstanceOf(BadSignatureException.class);
    }

    @Test
    void verifyAnyFindsTheMatchingSignatureAndVerifySingleRequiresOne() throws BadSignatureException {
        Signer a = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Signer b = Signer.generate(SignatureAlgorithm.ED25519);
        Bytes payload = Bytes.utf8("x");
        List<EnvelopeSignature> sigs = new ArrayList<>(new EnvelopeSigner(a, "a").sign(TYPE, payload).signatures());
        sigs.addAll(new EnvelopeSigner(b, "b").sign(TYPE, payload).signatures());
        Envelope both = new Envelope(TYPE, payload, sigs);
        assertThat(EnvelopeVerifier.verifyAny(both, b.verifier()).keyid()).isEqualTo("b");
        assertThat(EnvelopeVerifier.verifyAny(both, a.verifier()).keyid()).isEqualTo("a");
        assertThatThrownBy(() -> EnvelopeVerifier.verifySingle(both, a.verifier())).isInstanceOf(BadSignatureException.class);
        assertThatThrownBy(() -> EnvelopeVerifier.verifyAny(both, Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).verifier()))
                .isInstanceOf(BadSignatureException.class);
    }

    @Test
    void realNpmPublishAttestationVerifiesWithTheRegistryKey() throws Exception {
        Envelope envelope = EnvelopeTest.bundleEnvelope("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json");
        String keyid = envelope.signatures().get(0).keyid();
        JsonNode keys = Json.parse(Vectors.bytes("tuf/public-good/targets/registry.npmjs.org/keys.json"), 1 << 20);
        PublicKeyVerifier verifier = null;
        for (JsonNode key : keys.get("keys")) {
            if (key.get("keyId").textValue().equals(keyid)) {
                PublicKey publicKey = Keys.publicKeyFromDer(Bytes.fromBase64(key.get("publicKey").get("rawBytes").textValue()));
                verifier = SignatureAlgorithm.ECDSA_P256_SHA256.verifier(publicKey);
            }
        }
        assertThat(verifier).isNotNull();
        assertThat(EnvelopeVerifier.verifySingle(envelope, verifier).keyid()).isEqualTo(keyid);
    }

    @Test
    void realEnvelopeFailsWithAnotherKey() throws FormatException {
        Envelope envelope = EnvelopeTest.bundleEnvelope("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-publish.sigstore.json");
        PublicKeyVerifier other = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).verifier();
        assertThatThrownBy(() -> EnvelopeVerifier.verifySingle(envelope, other)).isInstanceOf(BadSignatureException.class);
    }
}
