package dev.hallmark.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.bundle.Bundle;
import dev.hallmark.core.bundle.BundleCodec;
import dev.hallmark.core.trust.TrustedRootCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The sigstore-java bundles (../shared/vectors/java/CASES.json). Where sigstore-java and sigstore-js disagree, the
 * vectors README names Hallmark's contract, and each such case is pinned here with its reason.
 */
class JavaVectorsTest {

    /** The divergent cases and what Hallmark does with them. */
    private static final Map<String, Boolean> DIVERGENT_ACCEPTED = Map.of(
            // v0.1 with a SET and no proof: valid by the bundle spec, served by npm; sigstore-java rejects it.
            "bundles/bundle.v1.no.inclusion.sigstore", true,
            // v0.3 with a chain: the spec forbids it (sigstore-js agrees); sigstore-java accepts it.
            "bundles/bundle-no-digest.sigstore", false,
            // dsse/0.0.2 from a v2 log: deprecated, Rekor v2 logs DSSE as hashedrekord/0.0.2; sigstore-js accepts it.
            "bundles/bundle.dsse.rekor-v2.bad-entry-type.sigstore", false);

    @Test
    void everyBundleGivesItsExpectedResult() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(Vectors.bytes("java/CASES.json")).get("bundles");
        Path java = Vectors.path("java");
        byte[] artifact = Files.readAllBytes(java.resolve("bundles/artifact.txt"));
        Map<String, String> outcomes = new TreeMap<>();
        for (JsonNode c : cases) {
            String file = c.get("file").asText();
            String expect = c.get("expect").asText();
            boolean shouldPass = expect.equals("pass") || (expect.equals("divergent") && DIVERGENT_ACCEPTED.get(file));
            Verifier verifier = Verifier.create(TrustedRootCodec.parse(Files.readAllBytes(java.resolve(c.get("trustedRoot").asText()))),
                    VerifierOptions.defaults(), InstantSource.system());
            Policy policy = Policy.forArtifact(artifact)
                    .requireIdentity(CertificateIdentity.exact(c.get("certSAN").asText(), c.get("certIssuer").asText()));
            String outcome;
            try {
                Bundle bundle = BundleCodec.parse(Files.readAllBytes(java.resolve(file)));
                verifier.verify(bundle, policy);
                outcome = "pass";
            } catch (FormatException e) {
                outcome = "malformed: " + e.getMessage();
            } catch (VerificationException e) {
                outcome = e.reason().name();
            }
            outcomes.put(file, outcome);
            assertThat(outcome.equals("pass")).as("%s (%s): %s", file, expect, outcome).isEqualTo(shouldPass);
        }
        assertThat(outcomes).hasSize(31);
        assertThat(outcomes.values().stream().filter("pass"::equals).count()).isEqualTo(16);
        assertThat(outcomes.get("bundles/bundle.dsse.rekor-v2.bad-entry-type.sigstore")).isEqualTo("TLOG_KIND_UNSUPPORTED");
        assertThat(outcomes.get("bundles/bundle-with-mismatched-set.sigstore")).isEqualTo("SET_INVALID");
        assertThat(outcomes.get("bundles/bundle-with-bad-checkpoint-signature.sigstore")).isEqualTo("CHECKPOINT_INVALID");
        assertThat(outcomes.get("bundles/bundle-with-expired-cert.sigstore")).isEqualTo("CERTIFICATE_NOT_VALID_AT_SIGNING_TIME");
    }

    @Test
    void aGithubPrivateInstanceBundleVerifiesOnlyWhenLogAndCtChecksAreExplicitlyDropped() throws Exception {
        // A real GitHub private-instance attestation: no log entry, no SCT, only an RFC 3161 timestamp. Its root is the
        // line of trusted_root.jsonl with the fulcio.githubapp.com CA.
        Path dir = Vectors.path("java/bundles/github-private-no-tlog");
        String githubRoot = Files.readAllLines(dir.resolve("trusted_root.jsonl")).stream()
                .filter(l -> l.contains("fulcio.githubapp.com")).findFirst().orElseThrow();
        Bundle bundle = BundleCodec.parse(Files.readAllBytes(dir.resolve("attestation.sigstore.json")));
        Policy policy = Policy.forDigest(new dev.hallmark.core.crypto.Digest(dev.hallmark.core.crypto.HashAlgorithm.SHA2_256,
                dev.hallmark.core.crypto.Bytes.fromHex("caa015ef69e9bc31a41322d6c71563ed9600c75bb988e4d639b1edc578580551"))).withoutIdentityUnsafe();
        var root = TrustedRootCodec.parse(githubRoot.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Verifier strict = Verifier.create(root, VerifierOptions.defaults(), InstantSource.system());
        assertThatThrownBy(() -> strict.verify(bundle, policy))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.reason()).isEqualTo(VerificationException.Reason.TLOG_THRESHOLD_NOT_MET));

        Verifier relaxed = Verifier.create(root, VerifierOptions.defaults().withTlogThreshold(0).withoutSctsUnsafe(), InstantSource.system());
        VerificationResult result = relaxed.verify(bundle, policy);
        assertThat(result.trustedTimes()).singleElement()
                .extracting(VerificationResult.TrustedTime::source).isEqualTo(VerificationResult.TrustedTime.Source.RFC3161_TIMESTAMP);

        Verifier publicGood = Verifier.create(TrustedRootCodec.parse(Vectors.bytes("conformance/trusted_root.production.json")),
                VerifierOptions.defaults().withTlogThreshold(0).withoutSctsUnsafe(), InstantSource.system());
        assertThatThrownBy(() -> publicGood.verify(bundle, policy)).isInstanceOf(VerificationException.class);
    }
}
