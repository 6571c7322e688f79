package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed-note verifier key in text form ("vkey", used in witness policies; sigstore.md §4.3):
 * {@code <name>+<8 hex key ID>+<b64(type byte ‖ public key)>}. Supported types are Ed25519 log keys (0x01) and
 * Ed25519 cosignature v1 keys (0x04), both with 32-byte keys; the key ID must match the one the name and key imply.
 */
public record VerifierKey(String name, int keyId, int type, Bytes publicKey) {
    public static final int TYPE_ED25519 = LogKeyVerifier.TYPE_ED25519;
    public static final int TYPE_COSIGNATURE_V1 = CosignatureVerifier.TYPE_COSIGNATURE_V1;
    private static final int MAX_LENGTH = 1024;

    public VerifierKey {
        if (!NoteFormat.isValidName(name)) {
            throw new IllegalArgumentException("invalid signed-note key name");
        }
        if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
            throw new IllegalArgumentException("unsupported verifier key type " + type);
        }
        if (Objects.requireNonNull(publicKey, "publicKey").length() != 32) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
    }

    public static VerifierKey ed25519(String name, PublicKey key) throws FormatException {
        return of(name, TYPE_ED25519, key);
    }

    public static VerifierKey cosignature(String name, PublicKey key) throws FormatException {
        return of(name, TYPE_COSIGNATURE_V1, key);
    }

    private static VerifierKey of(String name, int type, PublicKey key) throws FormatException {
        if (!NoteFormat.isValidName(name)) {
            throw new FormatException("invalid signed-note key name");
        }
        NoteVerifier v = type == TYPE_ED25519 ? NoteVerifier.ed25519(name, key) : CosignatureVerifier.of(name, key);
        return new VerifierKey(name, v.keyId(), type, NoteFormat.rawEd25519(key));
    }

    public static VerifierKey parse(String vkey) throws FormatException {
        if (vkey == null || vkey.length() > MAX_LENGTH) {
            throw new FormatException("verifier key missing or too long");
        }
        int first = vkey.indexOf('+');
        int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
        if (second < 0) {
            throw new FormatException("verifier key is not name+keyid+key");
        }
        String name = vkey.substring(0, first);
        String id = vkey.substring(first + 1, second);
        if (!NoteFormat.isValidName(name)) {
            throw new FormatException("invalid key name in verifier key");
        }
        if (id.length() != 8 || !id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new FormatException("verifier key ID is not 8 lower-case hex digits");
        }
        int keyId = (int) Long.parseLong(id, 16);
        Bytes material = NoteFormat.base64(vkey.substring(second + 1));
        if (material.length() != 33) {
            throw new FormatException("verifier key material is not a type byte and a 32-byte key");
        }
        int type = material.get(0) & 0xff;
        if (type != TYPE_ED25519 && type != TYPE_COSIGNATURE_V1) {
            throw new FormatException("unsupported verifier key type " + type);
        }
        VerifierKey key = new VerifierKey(name, keyId, type, material.slice(1, 33));
        if (key.verifier().keyId() != keyId) {
            throw new FormatException("verifier key ID does not match its name and key");
        }
        return key;
    }

    /** The text form, {@code name+keyid+b64(type ‖ key)}. */
    public String format() {
        Bytes material = Bytes.of(new byte[] {(byte) type}).concat(publicKey);
        return name + "+" + HexFormat.of().toHexDigits(keyId) + "+" + material.base64();
    }

    /** The verifier this key describes: an Ed25519 log key or an Ed25519 cosignature key. */
    public NoteVerifier verifier() throws FormatException {
        PublicKey key = NoteFormat.ed25519FromRaw(publicKey);
        return type == TYPE_ED25519 ? NoteVerifier.ed25519(name, key) : CosignatureVerifier.of(name, key);
    }

    @Override
    public String toString() {
        return format();
    }
}
