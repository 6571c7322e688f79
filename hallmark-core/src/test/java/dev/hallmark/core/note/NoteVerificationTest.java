package dev.hallmark.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.Vectors;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.NoteException.Reason;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real public-good and staging checkpoints verified with the logs' keys from trusted roots. */
class NoteVerificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A log verifier for each tlog of a trusted root, named by its baseUrl's host as Sigstore clients do. */
    static List<NoteVerifier> logVerifiers(String trustedRoot) throws Exception {
        List<NoteVerifier> out = new ArrayList<>();
        for (JsonNode tlog : JSON.readTree(Vectors.text(trustedRoot)).get("tlogs")) {
            String host = URI.create(tlog.get("baseUrl").asText()).getHost();
            Bytes spki = Bytes.fromBase64(tlog.at("/publicKey/rawBytes").asText());
            out.add(NoteVerifier.forLogKey(host, Keys.publicKeyFromDer(spki)));
        }
        return out;
    }

    static JsonNode entry(String bundleCase) throws Exception {
        return JSON.readTree(Vectors.text("conformance/bundle-verify/" + bundleCase + "/bundle.sigstore.json"))
                .at("/verificationMaterial/tlogEntries/0");
    }

    static SignedNote checkpointOf(String bundleCase) throws Exception {
        return SignedNote.parse(entry(bundleCase).at("/inclusionProof/checkpoint/envelope").asText());
    }

    static NoteVerifier byHost(List<NoteVerifier> verifiers, String host) {
        return verifiers.stream().filter(v -> v.name().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void rekorV1CheckpointVerifiesWithThePublicGoodKey() throws Exception {
        List<NoteVerifier> keys = logVerifiers("conformance/trusted_root.production.json");
        NoteVerifier rekor = byHost(keys, "rekor.sigstore.dev");
        // ECDSA key ID = SHA-256(SPKI) = the Rekor v1 log ID.
        assertThat(rekor.fullKeyId().base64()).isEqualTo("wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0=");
        SignedNote note = checkpointOf("happy-path-v0.3");
        assertThat(note.verify(keys)).containsExactly(rekor);
        Checkpoint checkpoint = note.verifyCheckpoint(keys);
        assertThat(checkpoint.origin()).isEqualTo("rekor.sigstore.dev - 2605736670972794746");
        assertThat(checkpoint.size()).isEqualTo(75408393);
        // The verified checkpoint's root is the one the entry's inclusion proof leads to.
        JsonNode entry = entry("happy-path-v0.3");
        List<Bytes> hashes = new ArrayList<>();
        entry.at("/inclusionProof/hashes").forEach(h -> hashes.add(Bytes.of(Base64.getDecoder().decode(h.asText()))));
        InclusionProof.of(entry.at("/inclusionProof/logIndex").asLong(), checkpoint.size(), hashes).verify(
                MerkleHash.leafHash(Base64.getDecoder().decode(entry.get("canonicalizedBody").asText())),
                checkpoint.rootHash());
    }

    @Test
    void sigstoreJavaCheckpointsVerifyAndIgnoreTheUnknownSigner() throws Exception {
        List<NoteVerifier> keys = logVerifiers("conformance/trusted_root.production.json");
        NoteVerifier rekor = byHost(keys, "rekor.sigstore.dev");
        assertThat(SignedNote.parse(Vectors.bytes("java/checkpoints/valid.txt")).verify(keys)).containsExactly(rekor);
        assertThat(SignedNote.parse(Vectors.bytes("java/checkpoints/valid_multi_sig.txt")).verify(keys))
                .containsExactly(rekor);
    }

    @Test
    void rekorV2CheckpointVerifiesWithItsEd25519Key() throws Exception {
        List<NoteVerifier> keys = logVerifiers("conformance/bundle-verify/rekor2-happy-path/trusted_root.json");
        NoteVerifier shard = byHost(keys, "log2025-alpha1.rekor.sigstage.dev");
        // Rekor v2's log ID is the full C2SP key ID.
        assertThat(shard.fullKeyId().base64()).isEqualTo("8w1amZ2S5mJIQkQmPxdMuOrL/oJkvFg9MnQXmeOCXck=");
        Checkpoint checkpoint = checkpointOf("rekor2-happy-path").verifyCheckpoint(keys);
        assertThat(checkpoint.origin()).isEqualTo("log2025-alpha1.rekor.sigstage.dev");
        assertThat(checkpoint.size()).isEqualTo(736);
    }

    @Test
    void publicGoodRekorV2KeyIdIsItsLogId() throws Exception {
        Bytes spki = Bytes.fromBase64("MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244=");
        NoteVerifier v = NoteVerifier.ed25519("log2025-1.rekor.sigstore.dev", Keys.publicKeyFromDer(spki));
        assertThat(v.fullKeyId().hex()).startsWith("cf1199155bdd");
        assertThat(v.fullKeyId().base64()).isEqualTo("zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=");
        assertThat(v.keyIdHex()).isEqualTo("cf119915");
        assertThat(byHost(logVerifiers("conformance/trusted_root.production.json"), "log2025-1.rekor.sigstore.dev")
                .fullKeyId()).isEqualTo(v.fullKeyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rekor2-checkpoint-cosigned", "rekor2-checkpoint-multiple-cosigs",
        "rekor2-checkpoint-origin-not-first", "rekor2-checkpoint-two-sigs-cosigned", "rekor2-checkpoint-two-sigs-from-origin"})
    void conformanceCheckpointsWithExtraSignersVerify(String name) throws Exception {
        List<NoteVerifier> keys = logVerifiers("conformance/bundle-verify/" + name + "/trusted_root.json");
        SignedNote note = checkpointOf(name);
        assertThat(note.signatures().size()).isGreaterThan(1);
        assertThat(note.verify(keys)).containsExactly(byHost(keys, "log2025-alpha1.rekor.sigstage.dev"));
        assertThat(note.verifyCheckpoint(keys).size()).isEqualTo(736);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rekor2-checkpoint-missing-log-signature_fail", "rekor2-checkpoint-missing-origin_fail",
        "rekor2-checkpoint-missing-root-hash_fail", "rekor2-checkpoint-missing-size_fail"})
    void conformanceCheckpointsMissingAPartDoNotParse(String name) throws Exception {
        String envelope = entry(name).at("/inclusionProof/checkpoint/envelope").asText();
        assertThatThrownBy(() -> Checkpoint.fromNote(SignedNote.parse(envelope))).isInstanceOf(FormatException.class);
    }

    @Test
    void conformanceCheckpointWithAForeignSignerNameHasNoKnownSignature() throws Exception {
        String name = "rekor2-checkpoint-no-matching-signature_fail";
        List<NoteVerifier> keys = logVerifiers("conformance/bundle-verify/" + name + "/trusted_root.json");
        SignedNote note = checkpointOf(name);
        assertThatThrownBy(() -> note.verify(keys)).isInstanceOfSatisfying(NoteException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_KNOWN_SIGNATURE));
    }

    @Test
    void tamperedTextOrSignatureIsABadSignature() throws Exception {
        List<NoteVerifier> keys = logVerifiers("conformance/trusted_root.production.json");
        SignedNote note = checkpointOf("happy-path-v0.3");
        SignedNote otherText = new SignedNote(note.text().replace("75408393", "75408394"), note.signatures());
        assertReason(() -> otherText.verify(keys), Reason.BAD_SIGNATURE);
        NoteSignature s = note.signatures().get(0);
        byte[] sig = s.signature().toArray();
        sig[sig.length - 1] ^= 1;
        SignedNote otherSig = new SignedNote(note.text(), List.of(new NoteSignature(s.name(), s.keyId(), Bytes.of(sig))));
        assertReason(() -> otherSig.verify(keys), Reason.BAD_SIGNATURE);
        // The same bad line under an unknown name or key ID is ignored, leaving no known signature.
        SignedNote renamed = new SignedNote(note.text(), List.of(new NoteSignature("rekor.example", s.keyId(), s.signature())));
        assertReason(() -> renamed.verify(keys), Reason.NO_KNOWN_SIGNATURE);
        SignedNote otherId = new SignedNote(note.text(), List.of(new NoteSignature(s.name(), s.keyId() + 1, s.signature())));
        assertReason(() -> otherId.verify(keys), Reason.NO_KNOWN_SIGNATURE);
        // A good signature does not excuse a bad one by another known key.
        assertReason(() -> otherSig.withSignature(s).verify(keys), Reason.BAD_SIGNATURE);
        assertReason(() -> note.verify(List.of()), Reason.NO_KNOWN_SIGNATURE);
    }

    @Test
    void aVerifiedTextThatIsNoCheckpointIsMalformed() throws Exception {
        SignedNote peter = SignedNote.parse(GoNoteVectors.PETER_NOTE);
        NoteVerifier key = VerifierKey.parse(GoNoteVectors.PETER_VKEY).verifier();
        assertThat(peter.verify(List.of(key))).containsExactly(key);
        assertReason(() -> peter.verifyCheckpoint(List.of(key)), Reason.MALFORMED);
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertReason(Call call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NoteException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
