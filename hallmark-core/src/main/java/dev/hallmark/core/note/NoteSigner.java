package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Signer;
import java.util.Objects;

/**
 * Signs note texts (a log's checkpoints) under a key name, producing C2SP signed-note signature lines that the
 * matching {@link NoteVerifier} accepts. The key ID scheme follows the key: Ed25519 (type 0x01), ECDSA (SPKI hash,
 * as Rekor v1) or RSA PKCS#1 v1.5 (rekor-tiles). Every signature is verified before it is returned.
 */
public final class NoteSigner {
    private final String name;
    private final Signer signer;
    private final NoteVerifier verifier;

    private NoteSigner(String name, Signer signer, NoteVerifier verifier) {
        this.name = name;
        this.signer = signer;
        this.verifier = verifier;
    }

    /**
     * A signer named {@code name}; for a Sigstore log, the host of the {@code baseUrl} published in the trusted root
     * (sigstore.md §3.4), which for Rekor v2 is also the checkpoint origin.
     */
    public static NoteSigner of(String name, Signer signer) throws FormatException {
        Objects.requireNonNull(signer, "signer");
        NoteVerifier verifier = switch (signer.algorithm()) {
            case ED25519 -> NoteVerifier.ed25519(name, signer.publicKey());
            case ECDSA_P256_SHA256, ECDSA_P384_SHA384, ECDSA_P521_SHA512 -> NoteVerifier.ecdsa(name, signer.publicKey());
            case RSA_PKCS1V15_SHA256 -> NoteVerifier.rsa(name, signer.publicKey());
            case RSA_PSS_SHA256 -> throw new FormatException("signed notes have no RSA-PSS scheme");
        };
        return new NoteSigner(name, signer, verifier);
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return verifier.keyId();
    }

    /** The full key ID; for an Ed25519 Rekor v2 log this is its log ID. */
    public Bytes fullKeyId() {
        return verifier.fullKeyId();
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /** Signs a note text (ending with a newline, no control characters but newline). */
    public NoteSignature sign(String text) {
        String problem = NoteFormat.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        byte[] message = NoteFormat.utf8(text);
        Bytes signature = signer.sign(message);
        try {
            verifier.verify(message, signature.toArray());
        } catch (BadSignatureException e) {
            throw new IllegalStateException("note signature by " + name + " does not verify", e);
        }
        return new NoteSignature(name, verifier.keyId(), signature);
    }

    /** A note with this signer's signature as its only line. */
    public SignedNote signNote(String text) {
        return new SignedNote(text, java.util.List.of(sign(text)));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + name + "+" + verifier.keyIdHex() + "]";
    }
}
