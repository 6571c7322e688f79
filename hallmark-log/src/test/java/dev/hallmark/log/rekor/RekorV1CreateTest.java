package dev.hallmark.log.rekor;

import static dev.hallmark.log.rekor.RekorFixtures.bundle;
import static dev.hallmark.log.rekor.RekorFixtures.bundleEntry;
import static dev.hallmark.log.rekor.RekorFixtures.json;
import static dev.hallmark.log.rekor.RekorFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.DsseContent;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.MessageSignature;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.dsse.Envelope;
import dev.hallmark.core.dsse.EnvelopeSigner;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.rekor.HashedRekordV001;
import dev.hallmark.core.rekor.IntotoV002;
import dev.hallmark.core.rekor.SignedEntryTimestamp;
import dev.hallmark.core.rekor.VerifierKey;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.TrustedRootCodec;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.TestPki;
import dev.hallmark.log.api.LogApiResponse;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** Writes through the Rekor v1 API with real signed material; every response is turned into a bundle and verified. */
class RekorV1CreateTest {
    private static final String PLAYWRIGHT = "npm/playwright-cli-0.1.1/";
    private static final String PLAYWRIGHT_SAN = "https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1";
    private static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    private static final byte[] ARTIFACT = "hallmark artifact\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Signer signer = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    private static TrustedRoot rootWith(RekorFixtures f, TrustedRoot base) {
        return new TrustedRoot(TrustedRoot.MEDIA_TYPE_V0_1, List.of(f.trustedLog()), base.certificateAuthorities(), base.ctlogs(),
                base.timestampAuthorities());
    }

    private static TrustedRoot production() throws Exception {
        return TrustedRootCodec.parse(Vectors.bytes("conformance/trusted_root.production.json"));
    }

    private static Verifier verifier(TrustedRoot root, java.time.Instant now) throws Exception {
        return Verifier.create(root, VerifierOptions.defaults(), InstantSource.fixed(now));
    }

    @Test
    void hashedRekordWithAKeyIsLoggedAndItsBundleVerifies() throws Exception {
        RekorFixtures f = new RekorFixtures();
        Digest digest = Digest.sha256(ARTIFACT);
        Bytes signature = signer.sign(ARTIFACT);
        LogApiResponse response = f.api.createEntry(RekorFixtures.hashedRekord(digest, signature, Keys.toPem(signer.publicKey())));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).isEqualTo(LogApiResponse.JSON);
        JsonNode logEntry = json(response);
        String entryId = only(logEntry).getKey();
        JsonNode e = only(logEntry).getValue();
        Bytes body = Bytes.fromBase64(e.get("body").textValue());
        assertThat(body.toArray()).isEqualTo(HashedRekordV001.canonical(digest, signature, VerifierKey.publicKey(Keys.spki(signer.publicKey()))));
        assertThat(entryId).isEqualTo("000000001234abcd" + MerkleHash.leafHash(body).hex());
        assertThat(response.header("ETag")).contains(entryId);
        assertThat(response.header("Location")).contains("/api/v1/log/entries/" + entryId);
        assertThat(e.get("logID").textValue()).isEqualTo(f.api.logId().hex());
        assertThat(e.get("logIndex").longValue()).isZero();
        assertThat(e.get("integratedTime").longValue()).isEqualTo(RekorFixtures.START.getEpochSecond());
        JsonNode proof = e.get("verification").get("inclusionProof");
        assertThat(proof.get("treeSize").longValue()).isEqualTo(1);
        assertThat(proof.get("checkpoint").textValue()).startsWith(RekorFixtures.ORIGIN + "\n1\n");

        // The SET is over the JCS of body, integratedTime, hex logID and the global index (sigstore.md §3.3).
        f.logKey.verifier().verify(SignedEntryTimestamp.payload(body, e.get("integratedTime").longValue(), f.api.logId(), 0),
                Bytes.fromBase64(e.get("verification").get("signedEntryTimestamp").textValue()).toArray());

        Bundle bundle = bundle(new KeyMaterial.PublicKeyHint("test key"),
                new MessageSignature(Optional.of(digest), signature), bundleEntry(logEntry));
        VerificationResult result = verifier(rootWith(f, production()), RekorFixtures.START.plusSeconds(60))
                .verify(bundle, Policy.forArtifact(ARTIFACT).requireKey(signer.publicKey()));
        assertThat(result.logEntries()).hasSize(1);
        assertThat(result.logEntries().get(0).inclusionProofVerified()).isTrue();
        assertThat(result.logEntries().get(0).inclusionPromiseVerified()).isTrue();
    }

    /**
     * The real npm provenance of @playwright/cli 0.1.1 proposed again as dsse 0.0.1 (the envelope text npm 11 sends and
     * its Fulcio certificate): the stored body equals the public-good body byte for byte, and the new bundle verifies
     * with the production Fulcio CA and CT logs plus this log, at a time inside the certificate's validity.
     */
    @Test
    void realNpmProvenanceIsStoredByteForByteAndItsBundleVerifies() throws Exception {
        JsonNode original = Json.parse(Vectors.bytes(PLAYWRIGHT + "playwright-cli-0.1.1-provenance.sigstore.json"), 1 << 22);
        Envelope envelope = Envelope.fromJson(original.get("dsseEnvelope"));
        Bytes certDer = Bytes.fromBase64(original.get("verificationMaterial").get("certificate").get("rawBytes").textValue());
        X509Certificate cert = Certificates.parseDer(certDer);
        java.time.Instant integrated = cert.getNotBefore().toInstant().plusSeconds(60);
        RekorFixtures f = new RekorFixtures(InstantSource.fixed(integrated), RekorLimits.defaults());

        LogApiResponse response = f.api.createEntry(RekorFixtures.dsse(envelope.toJson(), Certificates.toPem(cert)));

        assertThat(response.status()).isEqualTo(201);
        JsonNode logEntry = json(response);
        String expectedBody = original.get("verificationMaterial").get("tlogEntries").get(0).get("canonicalizedBody").textValue();
        assertThat(only(logEntry).getValue().get("body").textValue()).isEqualTo(expectedBody);

        TlogEntry entry = bundleEntry(logEntry);
        assertThat(entry.kind()).isEqualTo("dsse");
        Bundle bundle = bundle(new KeyMaterial.Certificate(certDer), new DsseContent(envelope), entry);
        VerificationResult result = verifier(rootWith(f, production()), integrated.plusSeconds(60)).verify(bundle,
                Policy.forArtifact(Vectors.bytes(PLAYWRIGHT + "playwright-cli-0.1.1.tgz"))
                        .requireIdentity(CertificateIdentity.exact(PLAYWRIGHT_SAN, GITHUB_ISSUER)));
        assertThat(result.statement()).isPresent();
        assertThat(result.logEntries()).singleElement().satisfies(v -> assertThat(v.inclusionProofVerified()).isTrue());
    }

    @Test
    void intotoIsLoggedWithoutItsPayloadAndItsBundleVerifies() throws Exception {
        RekorFixtures f = new RekorFixtures();
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"artifact\",\"digest\":{\"sha256\":\""
                + Digest.sha256(ARTIFACT).hex() + "\"}}],\"predicateType\":\"https://hallmark.dev/test\",\"predicate\":{}}";
        Envelope envelope = EnvelopeSigner.withoutKeyid(signer).sign("application/vnd.in-toto+json", Bytes.utf8(statement));

        LogApiResponse response = f.api.createEntry(RekorFixtures.intoto(envelope, Keys.toPem(signer.publicKey())));

        assertThat(response.status()).isEqualTo(201);
        JsonNode logEntry = json(response);
        IntotoV002 body = (IntotoV002) EntryBody.parse(Bytes.fromBase64(only(logEntry).getValue().get("body").textValue()));
        assertThat(body.payload()).isEmpty();
        assertThat(body.payloadHash()).isEqualTo(Digest.sha256(Bytes.utf8(statement).toArray()));
        Bundle bundle = bundle(new KeyMaterial.PublicKeyHint(""), new DsseContent(envelope), bundleEntry(logEntry));
        VerificationResult result = verifier(rootWith(f, production()), RekorFixtures.START.plusSeconds(60))
                .verify(bundle, Policy.forArtifact(ARTIFACT).requireKey(signer.publicKey()));
        assertThat(result.statement()).isPresent();
    }

    /**
     * Rekor semantics: the log checks the signature, never the certificate chain. A certificate from a CA no trusted
     * root knows is logged because its signature verifies; it is a verifier that refuses the resulting bundle.
     */
    @Test
    void certificateFromAnUntrustedCaIsLoggedWhenItsSignatureVerifies() throws Exception {
        TestPki.Issued ca = TestPki.root("O=nobody, CN=untrusted ca").build();
        TestPki.Issued leaf = ca.issue("O=nobody, CN=leaf").codeSigning()
                .san(new GeneralName(GeneralName.rfc822Name, "someone@example.com")).build();
        RekorFixtures f = new RekorFixtures(InstantSource.fixed(RekorFixtures.START), RekorLimits.defaults());
        Digest digest = Digest.sha256(ARTIFACT);
        Bytes signature = leaf.key().sign(ARTIFACT);

        LogApiResponse response = f.api.createEntry(RekorFixtures.hashedRekord(digest, signature, Certificates.toPem(leaf.cert())));

        assertThat(response.status()).isEqualTo(201);
        Bundle bundle = bundle(new KeyMaterial.Certificate(Certificates.der(leaf.cert())),
                new MessageSignature(Optional.of(digest), signature), bundleEntry(json(response)));
        Verifier verifier = verifier(rootWith(f, production()), RekorFixtures.START.plusSeconds(60));
        Policy policy = Policy.forArtifact(ARTIFACT).requireIdentity(CertificateIdentity.exact("x", GITHUB_ISSUER));
        try {
            verifier.verify(bundle, policy);
            throw new AssertionError("a certificate from an untrusted CA must not verify");
        } catch (VerificationException e) {
            assertThat(e.reason()).isEqualTo(VerificationException.Reason.CERTIFICATE_UNTRUSTED);
        }
        // but the same key signing wrongly is refused by the log itself
        Bytes wrong = leaf.key().sign("another artifact".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        LogApiResponse refused = f.api.createEntry(RekorFixtures.hashedRekord(digest, wrong, Certificates.toPem(leaf.cert())));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).get("code").intValue()).isEqualTo(400);
    }
}
