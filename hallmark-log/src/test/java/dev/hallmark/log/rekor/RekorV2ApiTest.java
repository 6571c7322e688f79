package dev.hallmark.log.rekor;

import static dev.hallmark.log.rekor.RekorFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.rekor.EntryVerifier;
import dev.hallmark.core.rekor.HashedRekordV002;
import dev.hallmark.core.rekor.VerifierKey;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.trust.PublicKeyMaterial;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.TestPki;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.rekor.EntryRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Rekor v2 write API: its TransparencyLogEntry goes into a bundle verbatim and hallmark-core verifies it. */
class RekorV2ApiTest {
    private static final String HOST = "log2.test.hallmark";
    private static final Instant SIGNED_AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] ARTIFACT = "rekor v2 artifact".getBytes(StandardCharsets.UTF_8);

    private final Signer checkpointKey = Signer.generate(SignatureAlgorithm.ED25519);
    private final NoteSigner noteSigner = noteSigner(checkpointKey);
    private final InMemoryTestLog log = new InMemoryTestLog(HOST, noteSigner, InstantSource.fixed(SIGNED_AT));
    private final RekorV2Api api = new RekorV2Api(log, log, noteSigner.verifier(), RekorLimits.defaults());
    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private static NoteSigner noteSigner(Signer key) {
        try {
            return NoteSigner.of(HOST, key);
        } catch (dev.hallmark.core.FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code CreateEntryRequest} as sigstore-js / sigstore-go send it (proto3 JSON). */
    static Bytes request(Bytes digest, Bytes signature, VerifierKey key, String keyDetails) {
        ObjectNode root = Json.object();
        ObjectNode hashed = root.putObject("hashedRekordRequestV002");
        hashed.put("digest", digest.base64());
        ObjectNode sig = hashed.putObject("signature");
        sig.put("content", signature.base64());
        ObjectNode verifier = sig.putObject("verifier");
        verifier.putObject(key.kind() == VerifierKey.Kind.CERTIFICATE ? "x509Certificate" : "publicKey").put("rawBytes", key.der().base64());
        verifier.put("keyDetails", keyDetails);
        return Bytes.of(Json.write(root));
    }

    private Bytes request(Bytes signature) throws Exception {
        return request(Digest.sha256(ARTIFACT).value(), signature, VerifierKey.publicKey(Keys.spki(signer.publicKey())), "PKIX_ECDSA_P256_SHA_256");
    }

    @Test
    void createdEntryEmbedsInABundleThatVerifiesWithAnRfc3161Timestamp() throws Exception {
        Bytes signature = signer.sign(ARTIFACT);
        LogApiResponse response = api.createEntry(request(signature));

        assertThat(response.status()).isEqualTo(201);
        JsonNode entry = json(response);
        assertThat(entry.has("integratedTime")).isFalse();
        assertThat(entry.has("inclusionPromise")).isFalse();
        assertThat(entry.get("logIndex").textValue()).isEqualTo("0");
        assertThat(entry.get("logId").get("keyId").textValue()).isEqualTo(noteSigner.fullKeyId().base64());
        assertThat(entry.get("kindVersion").get("kind").textValue()).isEqualTo("hashedrekord");
        assertThat(entry.get("kindVersion").get("version").textValue()).isEqualTo("0.0.2");
        assertThat(Bytes.fromBase64(entry.get("canonicalizedBody").textValue()).toArray()).isEqualTo(HashedRekordV002.canonical(
                Digest.sha256(ARTIFACT), signature, new EntryVerifier(VerifierKey.publicKey(Keys.spki(signer.publicKey())), "PKIX_ECDSA_P256_SHA_256")));

        TestPki.Issued tsaRoot = TestPki.root("O=test, CN=tsa root").build();
        TestPki.Issued tsa = TestTsa.leaf(tsaRoot);
        ObjectNode bundle = Json.object();
        bundle.put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        ObjectNode material = bundle.putObject("verificationMaterial");
        material.putObject("publicKey").put("hint", "test key");
        material.putArray("tlogEntries").add(entry);
        material.putObject("timestampVerificationData").putArray("rfc3161Timestamps").addObject()
                .put("signedTimestamp", TestTsa.stamp(tsa, signature, SIGNED_AT).base64());
        ObjectNode ms = bundle.putObject("messageSignature");
        ms.putObject("messageDigest").put("algorithm", "SHA2_256").put("digest", Digest.sha256(ARTIFACT).value().base64());
        ms.put("signature", signature.base64());
        Bundle parsed = BundleCodec.parse(Json.write(bundle));

        TrustedRoot root = new TrustedRoot(TrustedRoot.MEDIA_TYPE_V0_1, List.of(trustedLog()), List.of(), List.of(),
                List.of(new CertificateAuthorityInfo("test", "tsa", "https://tsa.test",
                        List.of(Certificates.der(tsa.cert()), Certificates.der(tsaRoot.cert())), ValidityPeriod.from(TestPki.NOT_BEFORE), Optional.empty())));
        VerificationResult result = Verifier.create(root, VerifierOptions.defaults(), InstantSource.fixed(SIGNED_AT.plusSeconds(60)))
                .verify(parsed, Policy.forArtifact(ARTIFACT).requireKey(signer.publicKey()));
        assertThat(result.logEntries()).singleElement().satisfies(e -> {
            assertThat(e.inclusionProofVerified()).isTrue();
            assertThat(e.inclusionPromiseVerified()).isFalse();
        });
        assertThat(result.trustedTimes()).singleElement().satisfies(t -> assertThat(t.time()).isEqualTo(SIGNED_AT));
    }

    /** A Rekor v2 log as a trusted root lists it: log ID and checkpoint key ID are both the C2SP key ID. */
    private TransparencyLog trustedLog() {
        Bytes spki = Keys.spki(checkpointKey.publicKey());
        return new TransparencyLog("https://" + HOST, HashAlgorithm.SHA2_256,
                new PublicKeyMaterial(spki, SignatureAlgorithm.ED25519, "PKIX_ED25519", ValidityPeriod.from(TestPki.NOT_BEFORE)),
                noteSigner.fullKeyId(), Optional.of(noteSigner.fullKeyId()), Optional.empty());
    }

    /** A real npm DSSE envelope logged the v2 way: a hashedrekord over its PAE, signed by its Fulcio certificate. */
    @Test
    void realDsseEnvelopeIsLoggedAsAHashedRekordOverItsPae() throws Exception {
        JsonNode original = Json.parse(Vectors.bytes("npm/playwright-cli-0.1.1/playwright-cli-0.1.1-provenance.sigstore.json"), 1 << 22);
        Envelope envelope = Envelope.fromJson(original.get("dsseEnvelope"));
        VerifierKey cert = VerifierKey.certificate(
                Bytes.fromBase64(original.get("verificationMaterial").get("certificate").get("rawBytes").textValue()));
        Bytes digest = Digest.sha256(envelope.pae().toArray()).value();
        LogApiResponse response = api.createEntry(request(digest, envelope.signatures().get(0).sig(), cert, "PKIX_ECDSA_P256_SHA_256"));
        assertThat(response.status()).isEqualTo(201);
        HashedRekordV002 body = (HashedRekordV002) dev.hallmark.core.rekor.EntryBody.parse(
                Bytes.fromBase64(json(response).get("canonicalizedBody").textValue()));
        assertThat(body.verifier().key()).isEqualTo(cert);
        // the wrong digest (of the payload instead of the PAE) does not verify
        Bytes payloadDigest = Digest.sha256(envelope.payload().toArray()).value();
        assertThat(api.createEntry(request(payloadDigest, envelope.signatures().get(0).sig(), cert, "PKIX_ECDSA_P256_SHA_256")).status())
                .isEqualTo(400);
    }

    private static Reason reasonOf(Bytes request) {
        EntryRejectedException e = catchThrowableOfType(EntryRejectedException.class, () -> RekorV2Api.canonicalBody(request, 1 << 20));
        assertThat(e).as("rejected").isNotNull();
        return e.reason();
    }

    @Test
    void rejectionsHaveTheirReasons() throws Exception {
        Bytes sig = signer.sign(ARTIFACT);
        VerifierKey key = VerifierKey.publicKey(Keys.spki(signer.publicKey()));
        assertThat(reasonOf(Bytes.utf8("{\"dsseRequestV002\":{}}"))).isEqualTo(Reason.UNSUPPORTED_KIND);
        assertThat(reasonOf(Bytes.utf8("{}"))).isEqualTo(Reason.UNSUPPORTED_KIND);
        assertThat(reasonOf(Bytes.utf8("{"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(request(Digest.sha256(ARTIFACT).value().slice(0, 20), sig, key, "PKIX_ECDSA_P256_SHA_256"))).isEqualTo(Reason.MALFORMED);
        assertThat(reasonOf(request(Digest.sha256(ARTIFACT).value(), sig, key, "PKIX_ECDSA_P384_SHA_384"))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(reasonOf(request(Digest.sha256(ARTIFACT).value(), sig, key, "PKIX_NOT_A_SCHEME"))).isEqualTo(Reason.UNSUPPORTED_KEY);
        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        assertThat(reasonOf(request(Digest.sha256(ARTIFACT).value(), ed.sign(ARTIFACT), VerifierKey.publicKey(Keys.spki(ed.publicKey())),
                "PKIX_ED25519"))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(reasonOf(request(Digest.sha256("x".getBytes(StandardCharsets.UTF_8)).value(), sig, key, "PKIX_ECDSA_P256_SHA_256")))
                .isEqualTo(Reason.BAD_SIGNATURE);
        String unsigned = "{\"hashedRekordRequestV002\":{\"digest\":\"" + Digest.sha256(ARTIFACT).value().base64() + "\"}}";
        assertThat(reasonOf(Bytes.utf8(unsigned))).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void errorsAreGrpcGatewayShaped() throws Exception {
        LogApiResponse deprecated = api.createEntry(Bytes.utf8("{\"dsseRequestV002\":{}}"));
        assertThat(deprecated.status()).isEqualTo(400);
        assertThat(json(deprecated).get("code").intValue()).isEqualTo(3);

        Bytes request = request(signer.sign(ARTIFACT));
        assertThat(api.createEntry(request).status()).isEqualTo(201);
        LogApiResponse duplicate = api.createEntry(request);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.header("x-log-index")).contains("0");
        assertThat(json(duplicate).get("code").intValue()).isEqualTo(6);

        assertThat(api.createEntry(Bytes.of(new byte[RekorLimits.DEFAULT_MAX_REQUEST_BYTES + 1])).status()).isEqualTo(413);
        log.overloaded(Duration.ofSeconds(3));
        LogApiResponse busy = api.createEntry(request(signer.sign(ARTIFACT)));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).contains("3");
        assertThat(json(busy).get("code").intValue()).isEqualTo(14);
    }
}
