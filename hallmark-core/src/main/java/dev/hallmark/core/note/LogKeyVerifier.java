package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/** A log's checkpoint key: Ed25519, ECDSA or RSA, each with the key ID of sigstore.md §4.3. */
final class LogKeyVerifier implements NoteVerifier {
    enum Kind {
        ED25519,
        ECDSA,
        RSA
    }

    static final byte TYPE_ED25519 = 0x01;
    private static final byte TYPE_OTHER = (byte) 0xff;
    private static final byte[] RSA_FORMAT = NoteFormat.utf8("PKIX-RSA-PKCS#1v1.5");

    private final String name;
    private final Bytes fullKeyId;
    private final int keyId;
    private final PublicKeyVerifier verifier;

    private LogKeyVerifier(String name, Bytes fullKeyId, PublicKeyVerifier verifier) {
        this.name = name;
        this.fullKeyId = fullKeyId;
        this.keyId = NoteFormat.u32(fullKeyId, 0);
        this.verifier = verifier;
    }

    static LogKeyVerifier create(Kind kind, String name, PublicKey key) throws FormatException {
        Objects.requireNonNull(key, "key");
        if (!NoteFormat.isValidName(name)) {
            throw new FormatException("invalid signed-note key name");
        }
        byte[] nameBytes = NoteFormat.utf8(name);
        return switch (kind) {
            case ED25519 -> new LogKeyVerifier(name, NoteFormat.sha256(nameBytes, new byte[] {'\n', TYPE_ED25519},
                    NoteFormat.rawEd25519(key).toArray()), SignatureAlgorithm.ED25519.verifier(key));
            case ECDSA -> {
                if (!(key instanceof ECPublicKey)) {
                    throw new FormatException("not an ECDSA key");
                }
                // The curve's own hash, as transparency-dev/witness ECDSA notes do (P-256 → SHA-256 for Rekor v1).
                SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key);
                yield new LogKeyVerifier(name, NoteFormat.sha256(Keys.spki(key).toArray()), algorithm.verifier(key));
            }
            case RSA -> new LogKeyVerifier(name, NoteFormat.sha256(nameBytes, new byte[] {'\n', TYPE_OTHER},
                    RSA_FORMAT, Keys.spki(key).toArray()), SignatureAlgorithm.RSA_PKCS1V15_SHA256.verifier(key));
        };
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

    @Override
    public void verify(byte[] message, byte[] signature) throws BadSignatureException {
        verifier.verify(message, signature);
    }

    @Override
    public String toString() {
        return "NoteVerifier[" + name + "+" + keyIdHex() + ", " + verifier.algorithm() + "]";
    }
}
