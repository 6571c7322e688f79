package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * A known key that signed-note signature lines are matched against by (name, key ID) and checked with (sigstore.md
 * §4.3). The key ID derivation depends on the key type and is not uniform: Ed25519 log keys hash name, newline, type
 * byte 0x01 and the raw key; ECDSA keys hash only the DER SubjectPublicKeyInfo (as Rekor v1 does); RSA keys, as
 * rekor-tiles signs, hash name, newline, 0xFF, {@code "PKIX-RSA-PKCS#1v1.5"} and the SPKI. The first four bytes are
 * the ID in signature lines; Rekor v2 uses all 32 ({@link #fullKeyId()}) as its log ID.
 */
public sealed interface NoteVerifier permits LogKeyVerifier, CosignatureVerifier {
    /** The key name signature lines must carry; for a log, conventionally its origin / host name. */
    String name();

    /** The big-endian u32 key ID of signature lines (compare as unsigned bits). */
    int keyId();

    /** The full 32-byte SHA-256 the key ID is the prefix of. */
    Bytes fullKeyId();

    /** Checks {@code signature} (the line's bytes after the key ID) over the note text {@code message}. */
    void verify(byte[] message, byte[] signature) throws BadSignatureException;

    default String keyIdHex() {
        return NoteFormat.hex8(keyId());
    }

    /** An Ed25519 log key (signed-note type 0x01), as C2SP tlog-tiles requires and Rekor v2 uses. */
    static NoteVerifier ed25519(String name, PublicKey key) throws FormatException {
        return LogKeyVerifier.create(LogKeyVerifier.Kind.ED25519, name, key);
    }

    /** An ECDSA key (P-256, P-384 or P-521; signed-note type 0x02 key ID), as Rekor v1 signs checkpoints. */
    static NoteVerifier ecdsa(String name, PublicKey key) throws FormatException {
        return LogKeyVerifier.create(LogKeyVerifier.Kind.ECDSA, name, key);
    }

    /** An RSA PKCS#1 v1.5 SHA-256 key with the rekor-tiles key ID. */
    static NoteVerifier rsa(String name, PublicKey key) throws FormatException {
        return LogKeyVerifier.create(LogKeyVerifier.Kind.RSA, name, key);
    }

    /** The log verifier that fits the key's type, e.g. for a trusted root's tlog entry named by its host. */
    static NoteVerifier forLogKey(String name, PublicKey key) throws FormatException {
        if (key instanceof EdECPublicKey) {
            return ed25519(name, key);
        }
        if (key instanceof ECPublicKey) {
            return ecdsa(name, key);
        }
        if (key instanceof RSAPublicKey) {
            return rsa(name, key);
        }
        throw new FormatException("no signed-note scheme for " + key.getAlgorithm() + " keys");
    }
}
