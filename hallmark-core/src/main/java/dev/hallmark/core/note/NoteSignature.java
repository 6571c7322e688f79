package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.Objects;

/**
 * One signature line of a C2SP signed note, {@code — <name> <b64(u32 keyID ‖ signature)>}: the key name, the
 * big-endian 32-bit key ID (compare as unsigned; see {@link #keyIdHex()}) and the algorithm-specific signature bytes.
 */
public record NoteSignature(String name, int keyId, Bytes signature) {
    public NoteSignature {
        if (!NoteFormat.isValidName(name)) {
            throw new IllegalArgumentException("invalid signed-note key name");
        }
        Objects.requireNonNull(signature, "signature");
        if (signature.isEmpty()) {
            throw new IllegalArgumentException("empty signature");
        }
    }

    public String keyIdHex() {
        return NoteFormat.hex8(keyId);
    }

    /** The line as it appears in a note, including its final newline. */
    public String line() {
        Bytes payload = Bytes.of(NoteFormat.u32Bytes(keyId)).concat(signature);
        return NoteFormat.SIGNATURE_PREFIX + name + " " + payload.base64() + "\n";
    }

    /** Parses one line without its newline; the payload must hold the key ID and at least one signature byte. */
    static NoteSignature parseLine(String line) throws FormatException {
        if (!line.startsWith(NoteFormat.SIGNATURE_PREFIX)) {
            throw new FormatException("signature line does not start with an em dash and a space");
        }
        String rest = line.substring(NoteFormat.SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new FormatException("signature line lacks a signature");
        }
        String name = rest.substring(0, space);
        if (!NoteFormat.isValidName(name)) {
            throw new FormatException("invalid key name in signature line");
        }
        Bytes payload = NoteFormat.base64(rest.substring(space + 1));
        if (payload.length() < 5) {
            throw new FormatException("signature of " + payload.length() + " bytes is too short for a key ID");
        }
        return new NoteSignature(name, NoteFormat.u32(payload, 0), payload.slice(4, payload.length()));
    }
}
