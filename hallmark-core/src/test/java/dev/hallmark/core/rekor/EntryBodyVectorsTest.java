package dev.hallmark.core.rekor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.dsse.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Parses the canonicalizedBody of every tlog entry of every bundle in the shared vectors and compares each body with
 * its bundle the way a verifier does (sigstore.md §8 step 4.4).
 */
class EntryBodyVectorsTest {
    /**
     * Deliberately broken conformance bodies that are rejected at parse time: three are not entries at all
     * ({@code {"apiVersion":"0.0.1"}} without kind, or a hashedrekord without spec), one has a certificate PEM with a
     * {@code ','} inside its base64, and one intoto body carries a single-base64 {@code sig} where Rekor stores double.
     */
    private static final List<String> UNPARSABLE = List.of(
            "conformance/bundle-verify/bundle-empty-certificate-chain_fail/bundle.sigstore.json",
            "conformance/bundle-verify/bundle-invalid-base64-signature_fail/bundle.sigstore.json",
            "conformance/bundle-verify/bundle-negative-log-index_fail/bundle.sigstore.json",
            "conformance/bundle-verify/bundle-unknown-version_fail/bundle.sigstore.json",
            "conformance/bundle-verify/intoto-log-entry-mismatch_fail/bundle.sigstore.json");

    /**
     * Bundles whose body does not match the bundle, and the first field that differs: all are expected to fail
     * verification (conformance {@code _fail} cases, sigstore-java negatives, pacote's edited responses). Every other
     * entry matches.
     */
    private static final Map<String, String> MISMATCHES = Map.ofEntries(
            Map.entry("conformance/bundle-verify/dsse-invalid-sig_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/dsse-mismatch-envelope_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/dsse-mismatch-sig_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/incorrect-public-key_fail/bundle.sigstore.json", "verifier"),
            Map.entry("conformance/bundle-verify/message-digest-mismatch_fail/bundle.sigstore.json", "digest"),
            Map.entry("conformance/bundle-verify/rekor2-dsse-invalid-sig_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/rekor2-dsse-mismatch-envelope_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/rekor2-dsse-mismatch-sig_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/signature-mismatch_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/wrong-hashedrekord-artifact_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/wrong-hashedrekord-cert-and-sig_fail/bundle.sigstore.json", "signature"),
            Map.entry("conformance/bundle-verify/wrong-hashedrekord-entry_fail/bundle.sigstore.json", "signature"),
            Map.entry("java/bundles/bundle-with-wrong-tlog-entry.sigstore", "signature"),
            Map.entry("java/bundles/bundle.dsse.bad-signature.sigstore", "signature"),
            Map.entry("java/bundles/bundle.dsse.mismatched-envelope.sigstore", "signature"),
            Map.entry("java/bundles/bundle.dsse.mismatched-signature.sigstore", "signature"),
            Map.entry("java/bundles/bundle.dsse.rekor-v2.bad-signature.sigstore", "signature"),
            Map.entry("java/bundles/bundle.dsse.rekor-v2.mismatched-envelope.sigstore", "signature"),
            Map.entry("java/bundles/bundle.dsse.rekor-v2.mismatched-signature.sigstore", "signature"),
            Map.entry("npm/pacote/invalid-attestations.json#1", "bundle content malformed"),
            Map.entry("npm/pacote/malformed-subject-attestations.json#1", "digest"),
            Map.entry("npm/pacote/mismatched-subject-digest-attestations.json#1", "digest"),
            Map.entry("npm/pacote/mismatched-subject-name-attestations.json#1", "digest"),
            Map.entry("npm/pacote/no-keyid-attestations.json#0", "signature"));

    @Test
    void everyBodyParsesAndReEncodesToTheSameBytes() throws FormatException {
        List<BundleVectors.Entry> entries = BundleVectors.all();
        assertThat(entries).hasSizeGreaterThan(130);
        List<String> unparsable = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (BundleVectors.Entry entry : entries) {
            EntryBody body;
            try {
                body = EntryBody.parse(entry.body());
            } catch (FormatException e) {
                unparsable.add(entry.label());
                continue;
            }
            kinds.merge(body.kind() + "/" + body.apiVersion(), 1, Integer::sum);
            JsonNode kindVersion = entry.tlogEntry().get("kindVersion");
            assertThat(body.kind() + "/" + body.apiVersion()).as(entry.label())
                    .isEqualTo(kindVersion.get("kind").textValue() + "/" + kindVersion.get("version").textValue());
            assertThat(Bytes.of(body.canonicalize())).as(entry.label()).isEqualTo(entry.body());
        }
        assertThat(unparsable).containsExactlyInAnyOrderElementsOf(UNPARSABLE);
        assertThat(kinds).containsOnlyKeys("hashedrekord/0.0.1", "hashedrekord/0.0.2", "dsse/0.0.1", "dsse/0.0.2", "intoto/0.0.2");
    }

    @Test
    void bodiesMatchTheirBundlesExceptTheDeliberatelyBrokenOnes() throws FormatException {
        Map<String, String> mismatches = new TreeMap<>();
        int compared = 0;
        for (BundleVectors.Entry entry : BundleVectors.all()) {
            if (UNPARSABLE.contains(entry.label())) {
                continue;
            }
            EntryBody body = EntryBody.parse(entry.body());
            String problem;
            try {
                problem = mismatch(entry, body);
            } catch (FormatException e) {
                problem = "bundle content malformed";
            }
            compared++;
            if (problem != null) {
                mismatches.put(entry.label(), problem);
            }
        }
        assertThat(compared).isGreaterThan(130);
        assertThat(mismatches).isEqualTo(new TreeMap<>(MISMATCHES));
    }

    /** The first field in which the body disagrees with the bundle, or null. */
    static String mismatch(BundleVectors.Entry entry, EntryBody body) throws FormatException {
        Bytes certificate = entry.certificate();
        if (entry.messageSignature().isPresent()) {
            JsonNode ms = entry.messageSignature().get();
            Bytes signature = Bytes.fromBase64(ms.get("signature").textValue());
            Digest digest = ms.has("messageDigest") ? Digest.of(HashAlgorithm.parse(ms.get("messageDigest").get("algorithm").textValue()),
                    Bytes.fromBase64(ms.get("messageDigest").get("digest").textValue())) : null;
            return switch (body) {
                case HashedRekordV001 h -> compare(h.signature(), signature, digest, h.data(), certificate, h.verifier());
                case HashedRekordV002 h -> compare(h.signature(), signature, digest, h.data(), certificate, h.verifier().key());
                default -> "kind " + body.kind() + " for a message signature";
            };
        }
        Envelope envelope = Envelope.fromJson(entry.dsseEnvelope().orElseThrow());
        Bytes signature = envelope.signatures().get(0).sig();
        Digest payloadHash = Digest.sha256(envelope.payload().toArray());
        return switch (body) {
            case DsseV001 d -> d.signatures().size() != 1 ? "signature count"
                    : compare(d.signatures().get(0).signature(), signature, payloadHash, d.payloadHash(), certificate,
                            d.signatures().get(0).verifier());
            case IntotoV002 i -> !i.signatures().get(0).sig().equals(signature.base64()) ? "signature"
                    : compare(i.signatures().get(0).rawSignature(), signature, payloadHash, i.payloadHash(), certificate,
                            i.signatures().get(0).publicKey());
            case HashedRekordV002 h -> compare(h.signature(), signature, Digest.sha256(envelope.pae().toArray()), h.data(),
                    certificate, h.verifier().key());
            case DsseV002 d -> compare(d.signatures().get(0).content(), signature, payloadHash, d.payloadHash(), certificate,
                    d.signatures().get(0).verifier().key());
            case HashedRekordV001 h -> "hashedrekord 0.0.1 for a DSSE envelope";
        };
    }

    private static String compare(Bytes bodySignature, Bytes bundleSignature, Digest expected, Digest actual, Bytes certificate,
            VerifierKey verifier) {
        if (!bodySignature.equals(bundleSignature)) {
            return "signature";
        }
        if (expected != null && !expected.equals(actual)) {
            return "digest";
        }
        if (certificate != null && (verifier.kind() != VerifierKey.Kind.CERTIFICATE || !verifier.der().equals(certificate))) {
            return "verifier";
        }
        return null;
    }

    @Test
    void everyKnownKindIsRepresented() throws FormatException {
        TreeSet<String> seen = new TreeSet<>();
        for (BundleVectors.Entry entry : BundleVectors.all()) {
            if (!UNPARSABLE.contains(entry.label())) {
                seen.add(EntryBody.parse(entry.body()).getClass().getSimpleName());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("HashedRekordV001", "HashedRekordV002", "DsseV001", "DsseV002", "IntotoV002");
    }
}
