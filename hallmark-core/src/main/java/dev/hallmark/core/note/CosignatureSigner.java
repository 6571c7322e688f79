package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import java.nio.ByteBuffer;

/**
 * A witness's Ed25519 cosigner (C2SP tlog-cosignature v1; sigstore.md §4.4). The time is passed in by the caller,
 * never read from a clock here.
 */
public final class CosignatureSigner {
    private final Signer signer;
    private final CosignatureVerifier verifier;

    private CosignatureSigner(Signer signer, CosignatureVerifier verifier) {
        this.signer = signer;
        this.verifier = verifier;
    }

    public static CosignatureSigner of(String name, Signer signer) throws FormatException {
        if (signer.algorithm() != SignatureAlgorithm.ED25519) {
            throw new FormatException("cosignature v1 needs an Ed25519 key");
        }
        return new CosignatureSigner(signer, CosignatureVerifier.of(name, signer.publicKey()));
    }

    public CosignatureVerifier verifier() {
        return verifier;
    }

    /** The witness's verifier key in vkey form, type 0x04. */
    public VerifierKey verifierKey() {
        try {
            return VerifierKey.cosignature(verifier.name(), signer.publicKey());
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cosigns a checkpoint's note text as of {@code unixSeconds}; the line to append to the note. */
    public NoteSignature sign(String noteText, long unixSeconds) {
        String problem = NoteFormat.textProblem(noteText);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (unixSeconds < 0) {
            throw new IllegalArgumentException("negative cosignature time");
        }
        byte[] text = NoteFormat.utf8(noteText);
        Bytes signature = signer.sign(CosignatureVerifier.message(text, unixSeconds));
        byte[] payload = ByteBuffer.allocate(CosignatureVerifier.PAYLOAD_LENGTH).putLong(unixSeconds)
                .put(signature.toArray()).array();
        try {
            verifier.verifyTimestamp(text, payload);
        } catch (BadSignatureException e) {
            throw new IllegalStateException("cosignature does not verify", e);
        }
        return new NoteSignature(verifier.name(), verifier.keyId(), Bytes.of(payload));
    }
}
