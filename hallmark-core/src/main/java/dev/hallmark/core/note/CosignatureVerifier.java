package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.nio.ByteBuffer;
import java.security.PublicKey;

/**
 * A witness's Ed25519 cosignature key (C2SP tlog-cosignature v1, signed-note type 0x04; sigstore.md §4.4). A
 * cosignature line's payload after the key ID is {@code u64 timestamp ‖ 64-byte Ed25519 signature}, the signature
 * covering {@code "cosignature/v1\ntime <timestamp>\n" ‖ note text}. Verifying returns the timestamp: the time as of
 * which the witness vouches that this is the largest consistent tree it has seen.
 */
public final class CosignatureVerifier implements NoteVerifier {
    static final byte TYPE_COSIGNATURE_V1 = 0x04;
    static final int PAYLOAD_LENGTH = 8 + 64;

    private final String name;
    private final Bytes fullKeyId;
    private final int keyId;
    private final PublicKeyVerifier verifier;

    private CosignatureVerifier(String name, Bytes fullKeyId, PublicKeyVerifier verifier) {
        this.name = name;
        this.fullKeyId = fullKeyId;
        this.keyId = NoteFormat.u32(fullKeyId, 0);
        this.verifier = verifier;
    }

    /** The verifier for a witness named {@code name} with Ed25519 key {@code key}. */
    public static CosignatureVerifier of(String name, PublicKey key) throws FormatException {
        if (!NoteFormat.isValidName(name)) {
            throw new FormatException("invalid signed-note key name");
        }
        Bytes id = NoteFormat.sha256(NoteFormat.utf8(name), new byte[] {'\n', TYPE_COSIGNATURE_V1},
                NoteFormat.rawEd25519(key).toArray());
        return new CosignatureVerifier(name, id, SignatureAlgorithm.ED25519.verifier(key));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    @Override
    public Bytes fullKeyId() {
        return fullKeyId;
    }

    public PublicKey publicKey() {
        return verifier.key();
    }

    @Override
    public void verify(byte[] message, byte[] signature) throws BadSignatureException {
        verifyTimestamp(message, signature);
    }

    /** Verifies a cosignature payload over the note text and returns its timestamp (Unix seconds). */
    public long verifyTimestamp(byte[] noteText, byte[] payload) throws BadSignatureException {
        if (payload.length != PAYLOAD_LENGTH) {
            throw new BadSignatureException("cosignature payload must be " + PAYLOAD_LENGTH + " bytes");
        }
        long timestamp = ByteBuffer.wrap(payload, 0, 8).getLong();
        if (timestamp < 0) {
            throw new BadSignatureException("cosignature timestamp exceeds 2^63 - 1");
        }
        byte[] signature = new byte[64];
        System.arraycopy(payload, 8, signature, 0, 64);
        verifier.verify(message(noteText, timestamp), signature);
        return timestamp;
    }

    /**
     * Finds this witness's line in the note, verifies it and returns its timestamp. A note the witness did not sign
     * is {@code NO_KNOWN_SIGNATURE}; a bad cosignature {@code BAD_SIGNATURE}.
     */
    public long verify(SignedNote note) throws NoteException {
        byte[] text = NoteFormat.utf8(note.text());
        for (NoteSignature line : note.signatures()) {
            if (line.name().equals(name) && line.keyId() == keyId) {
                try {
                    return verifyTimestamp(text, line.signature().toArray());
                } catch (BadSignatureException e) {
                    throw new NoteException(NoteException.Reason.BAD_SIGNATURE, "cosignature by " + name
                            + " does not verify");
                }
            }
        }
        throw new NoteException(NoteException.Reason.NO_KNOWN_SIGNATURE, "no cosignature by " + name);
    }

    /** The signed message: {@code cosignature/v1\ntime <t>\n} followed by the note text. */
    static byte[] message(byte[] noteText, long timestamp) {
        byte[] header = NoteFormat.utf8("cosignature/v1\ntime " + timestamp + "\n");
        byte[] out = new byte[header.length + noteText.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(noteText, 0, out, header.length, noteText.length);
        return out;
    }

    @Override
    public String toString() {
        return "CosignatureVerifier[" + name + "+" + keyIdHex() + "]";
    }
}
