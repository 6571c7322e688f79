package dev.hallmark.core.note;

import static dev.hallmark.core.note.NoteVerificationTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.NoteException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoteSigningTest {
    private static final Checkpoint CHECKPOINT = new Checkpoint("log.example.test", 20852163,
            Bytes.of(HashAlgorithm.SHA2_256.digest(new byte[] {1}).value().toArray()));

    /** The Go note package's example signer key, rebuilt from its Ed25519 seed. */
    static Signer peterSigner() throws FormatException {
        byte[] material = Bytes.fromBase64(GoNoteVectors.PETER_SKEY_MATERIAL).toArray();
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] der = new byte[pkcs8.length + 32];
        System.arraycopy(pkcs8, 0, der, 0, pkcs8.length);
        System.arraycopy(material, 1, der, pkcs8.length, 32);
        PrivateKey key = Keys.privateKeyFromPem(Keys.pem("PRIVATE KEY", der));
        return Signer.of(key, NoteFormat.ed25519FromRaw(VerifierKey.parse(GoNoteVectors.PETER_VKEY).publicKey()),
                SignatureAlgorithm.ED25519);
    }

    @Test
    void reproducesTheGoNoteExampleByteForByte() throws Exception {
        NoteSigner signer = NoteSigner.of("PeterNeumann", peterSigner());
        assertThat(signer.verifier().keyIdHex()).isEqualTo("c74f20a3");
        SignedNote note = signer.signNote(GoNoteVectors.PETER_TEXT);
        assertThat(note.serialize()).isEqualTo(GoNoteVectors.PETER_NOTE);
        assertThat(VerifierKey.ed25519("PeterNeumann", peterSigner().publicKey()).format())
                .isEqualTo(GoNoteVectors.PETER_VKEY);
    }

    @Test
    void verifiesTheSignedNoteSpecExample() throws Exception {
        NoteVerifier foo = VerifierKey.parse(GoNoteVectors.FOO_VKEY).verifier();
        SignedNote note = SignedNote.parse(GoNoteVectors.FOO_NOTE);
        assertThat(note.verify(List.of(foo))).containsExactly(foo);
        SignedNote tampered = SignedNote.parse(GoNoteVectors.FOO_NOTE.replace("example message", "example messagE"));
        assertReason(() -> tampered.verify(List.of(foo)), Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "RSA_PKCS1V15_SHA256"})
    void signParseVerifyRoundTrip(SignatureAlgorithm algorithm) throws Exception {
        Signer key = Signer.generate(algorithm);
        NoteSigner signer = NoteSigner.of("log.example.test", key);
        String wire = signer.signNote(CHECKPOINT.toNoteText()).serialize();
        NoteVerifier verifier = NoteVerifier.forLogKey("log.example.test", key.publicKey());
        assertThat(verifier.fullKeyId()).isEqualTo(signer.fullKeyId());
        SignedNote parsed = SignedNote.parse(wire.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.verifyCheckpoint(List.of(verifier))).isEqualTo(CHECKPOINT);
        assertThat(parsed.serialize()).isEqualTo(wire);
        // Another key of the same type under the same name is not matched (different key ID), so not known.
        NoteVerifier stranger = NoteVerifier.forLogKey("log.example.test", Signer.generate(algorithm).publicKey());
        assertReason(() -> parsed.verify(List.of(stranger)), Reason.NO_KNOWN_SIGNATURE);
    }

    @Test
    void keyIdsFollowSigstoreMdSection43() throws Exception {
        Signer ec = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] spki = Keys.spki(ec.publicKey()).toArray();
        Bytes ecId = HashAlgorithm.SHA2_256.digest(spki).value();
        assertThat(NoteVerifier.ecdsa("a", ec.publicKey()).fullKeyId()).isEqualTo(ecId);
        assertThat(NoteVerifier.ecdsa("b", ec.publicKey()).fullKeyId()).isEqualTo(ecId);

        Signer rsa = Signer.generate(SignatureAlgorithm.RSA_PKCS1V15_SHA256);
        byte[] rsaSpki = Keys.spki(rsa.publicKey()).toArray();
        Bytes rsaId = HashAlgorithm.SHA2_256.digest("testkey".getBytes(StandardCharsets.US_ASCII), new byte[] {0x0a, (byte) 0xff},
                "PKIX-RSA-PKCS#1v1.5".getBytes(StandardCharsets.US_ASCII), rsaSpki).value();
        assertThat(NoteVerifier.rsa("testkey", rsa.publicKey()).fullKeyId()).isEqualTo(rsaId);

        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        NoteVerifier log = NoteVerifier.ed25519("w.example", ed.publicKey());
        CosignatureVerifier witness = CosignatureVerifier.of("w.example", ed.publicKey());
        assertThat(log.keyId()).isNotEqualTo(witness.keyId());
        assertThat(NoteVerifier.ed25519("other.example", ed.publicKey()).keyId()).isNotEqualTo(log.keyId());
        assertThat(log.keyId()).isEqualTo(NoteFormat.u32(log.fullKeyId(), 0));
    }

    @Test
    void rejectsUnusableKeysAndNames() {
        Signer ed = Signer.generate(SignatureAlgorithm.ED25519);
        Signer ec = Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThatThrownBy(() -> NoteSigner.of("bad name", ed)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.of("a+b", ed)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.ed25519("n", ec.publicKey())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteVerifier.ecdsa("n", ed.publicKey())).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> CosignatureSigner.of("n", ec)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> NoteSigner.of("n", ed).sign("no newline")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cosignatureSignVerifyRoundTrip() throws Exception {
        Signer logKey = Signer.generate(SignatureAlgorithm.ED25519);
        NoteSigner log = NoteSigner.of("log.example.test", logKey);
        CosignatureSigner witness = CosignatureSigner.of("witness.example/w1", Signer.generate(SignatureAlgorithm.ED25519));
        String text = CHECKPOINT.toNoteText();
        NoteSignature cosig = witness.sign(text, 1679315147L);
        assertThat(cosig.signature().length()).isEqualTo(72);
        assertThat(cosig.signature().slice(0, 8)).isEqualTo(Bytes.of(new byte[] {0, 0, 0, 0, 0x64, 0x18, 0x50, (byte) 0xcb}));
        SignedNote note = SignedNote.parse(log.signNote(text).withSignature(cosig).serialize());

        assertThat(witness.verifier().verify(note)).isEqualTo(1679315147L);
        assertThat(note.verify(List.of(log.verifier(), witness.verifier())))
                .containsExactly(log.verifier(), witness.verifier());
        // A verifier that knows only the log ignores the cosignature, as Sigstore clients without witness keys do.
        assertThat(note.verify(List.of(log.verifier()))).containsExactly(log.verifier());

        byte[] payload = cosig.signature().toArray();
        payload[7] ^= 1; // another time
        NoteSignature retimed = new NoteSignature(cosig.name(), cosig.keyId(), Bytes.of(payload));
        SignedNote forged = new SignedNote(text, List.of(retimed));
        assertReason(() -> witness.verifier().verify(forged), Reason.BAD_SIGNATURE);
        assertReason(() -> forged.verify(List.of(witness.verifier())), Reason.BAD_SIGNATURE);
        assertReason(() -> witness.verifier().verify(log.signNote(text)), Reason.NO_KNOWN_SIGNATURE);
        NoteSignature truncated = new NoteSignature(cosig.name(), cosig.keyId(), cosig.signature().slice(0, 71));
        assertReason(() -> new SignedNote(text, List.of(truncated)).verify(List.of(witness.verifier())),
                Reason.BAD_SIGNATURE);
        payload[0] = (byte) 0x80; // a timestamp above 2^63 - 1
        NoteSignature tooLate = new NoteSignature(cosig.name(), cosig.keyId(), Bytes.of(payload));
        assertReason(() -> witness.verifier().verify(new SignedNote(text, List.of(tooLate))), Reason.BAD_SIGNATURE);

        VerifierKey vkey = witness.verifierKey();
        assertThat(vkey.type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
        NoteVerifier fromVkey = VerifierKey.parse(vkey.format()).verifier();
        assertThat(fromVkey).isInstanceOf(CosignatureVerifier.class);
        assertThat(((CosignatureVerifier) fromVkey).verify(note)).isEqualTo(1679315147L);
    }
}
