package dev.hallmark.log.ct;

import dev.hallmark.log.rekor.RekorFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.bundle.BundleVersion;
import dev.hallmark.core.bundle.KeyMaterial;
import dev.hallmark.core.bundle.MessageSignature;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.bundle.VerificationMaterial;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.core.trust.CertificateAuthorityInfo;
import dev.hallmark.core.trust.PublicKeyMaterial;
import dev.hallmark.core.trust.TransparencyLog;
import dev.hallmark.core.trust.TrustedRoot;
import dev.hallmark.core.trust.ValidityPeriod;
import dev.hallmark.core.verify.CertificateIdentity;
import dev.hallmark.core.verify.Policy;
import dev.hallmark.core.verify.VerificationException;
import dev.hallmark.core.verify.VerificationResult;
import dev.hallmark.core.verify.Verifier;
import dev.hallmark.core.verify.VerifierOptions;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.rekor.InMemoryTestLog;
import dev.hallmark.log.rekor.RekorLimits;
import dev.hallmark.log.rekor.RekorV1Api;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End to end as the CA and a client will do it: precertificate → add-pre-chain → final certificate with the SCT →
 * signature logged in a Rekor v1 test log → bundle → hallmark-core's {@link Verifier} with a trusted root that lists
 * this CT log. Without the CT log in the root the same bundle fails for its SCT.
 */
class CtBundleVerifierTest {
    private static final byte[] ARTIFACT = "hallmark ct artifact\n".getBytes(StandardCharsets.UTF_8);
    private static final String ISSUER = "https://issuer.test.hallmark";
    private static final String REKOR_HOST = "rekor.ct-test.hallmark";

    @Test
    void bundleWithTheEmbeddedSctVerifiesOnlyWhenTheRootListsTheCtLog() throws Exception {
        try (CtFixture f = new CtFixture()) {
            TestCa.Leaf leaf = TestCa.Leaf.fresh(CtFixture.NOW);
            LogApiResponse added = f.api.addPreChain(CtFixture.chainJson(f.ca.precertificate(leaf), f.ca.intermediate.cert(),
                    f.ca.root.cert()));
            assertThat(added.status()).isEqualTo(200);
            X509Certificate issued = f.ca.finalCertificate(leaf, List.of(CtFixture.sct(added)));

            Signer rekorKey = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            Instant integrated = CtFixture.NOW.plusSeconds(2);
            InMemoryTestLog rekorLog = new InMemoryTestLog(REKOR_HOST + " - 7", NoteSigner.of(REKOR_HOST, rekorKey),
                    InstantSource.fixed(integrated));
            RekorV1Api rekor = new RekorV1Api(rekorLog, rekorLog, rekorKey, 7, "", RekorLimits.defaults());
            Digest digest = Digest.sha256(ARTIFACT);
            Bytes signature = leaf.key().sign(ARTIFACT);
            LogApiResponse logged = rekor.createEntry(hashedRekord(digest, signature, Certificates.toPem(issued)));
            assertThat(logged.status()).isEqualTo(201);

            Bundle bundle = BundleCodec.parse(BundleCodec.write(new Bundle(BundleVersion.V0_3, new VerificationMaterial(
                    new KeyMaterial.Certificate(Certificates.der(issued)), List.of(RekorFixtures.bundleEntry(CtFixture.json(logged))), List.of()),
                    new MessageSignature(Optional.of(digest), signature))));
            Policy policy = Policy.forArtifact(ARTIFACT).requireIdentity(CertificateIdentity.exact(leaf.email(), ISSUER));
            TransparencyLog rekorEntry = log("https://" + REKOR_HOST, rekorKey.publicKey());
            TransparencyLog ctEntry = log("https://ct.test.hallmark", f.ctKey.publicKey());
            assertThat(ctEntry.logId()).isEqualTo(f.api.logId());

            VerificationResult result = verifier(f, rekorEntry, List.of(ctEntry), integrated).verify(bundle, policy);
            assertThat(result.logEntries()).hasSize(1);

            VerificationException e = catchThrowableOfType(VerificationException.class,
                    () -> verifier(f, rekorEntry, List.of(), integrated).verify(bundle, policy));
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(VerificationException.Reason.SCT_INVALID);
        }
    }

    private static Verifier verifier(CtFixture f, TransparencyLog rekor, List<TransparencyLog> ctlogs, Instant now) throws Exception {
        CertificateAuthorityInfo ca = new CertificateAuthorityInfo("hallmark", "ct test", "https://ca.test.hallmark",
                List.of(Certificates.der(f.ca.intermediate.cert()), Certificates.der(f.ca.root.cert())),
                ValidityPeriod.from(Instant.parse("2020-01-01T00:00:00Z")), Optional.empty());
        TrustedRoot root = new TrustedRoot(TrustedRoot.MEDIA_TYPE_V0_1, List.of(rekor), List.of(ca), ctlogs, List.of());
        return Verifier.create(root, VerifierOptions.defaults(), InstantSource.fixed(now.plusSeconds(60)));
    }

    private static TransparencyLog log(String url, PublicKey key) {
        Bytes spki = Keys.spki(key);
        return new TransparencyLog(url, HashAlgorithm.SHA2_256, new PublicKeyMaterial(spki, SignatureAlgorithm.ECDSA_P256_SHA256,
                "PKIX_ECDSA_P256_SHA_256", ValidityPeriod.from(Instant.parse("2020-01-01T00:00:00Z"))),
                HashAlgorithm.SHA2_256.digest(spki).value(), Optional.empty(), Optional.empty());
    }

    /** hashedrekord 0.0.1 as sigstore-js proposes it (sigstore.md §3.2). */
    private static Bytes hashedRekord(Digest digest, Bytes signature, String pem) {
        ObjectNode root = Json.object();
        root.put("apiVersion", "0.0.1");
        root.put("kind", "hashedrekord");
        ObjectNode spec = root.putObject("spec");
        ObjectNode hash = spec.putObject("data").putObject("hash");
        hash.put("algorithm", "sha256");
        hash.put("value", digest.hex());
        ObjectNode sig = spec.putObject("signature");
        sig.put("content", signature.base64());
        sig.putObject("publicKey").put("content", Bytes.utf8(pem).base64());
        return Bytes.of(Json.write(root));
    }
}
