package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note (sigstore.md §4.3): a text ending in a newline, a blank line, then one or more signature lines.
 * The text is what gets signed; it includes its final newline but not the blank separator line, and is split from
 * the signatures at the <em>last</em> blank line, since the text itself may contain blank lines.
 *
 * <p>{@link #parse} accepts only canonical encodings (padded standard base64 spelled the one way), so {@link
 * #serialize()} reproduces a parsed note byte for byte.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    public SignedNote {
        String problem = NoteFormat.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        signatures = List.copyOf(Objects.requireNonNull(signatures, "signatures"));
        if (signatures.isEmpty() || signatures.size() > NoteFormat.MAX_SIGNATURES) {
            throw new IllegalArgumentException("a note carries 1.." + NoteFormat.MAX_SIGNATURES + " signatures");
        }
    }

    /** Parses a note from its UTF-8 bytes, rejecting invalid UTF-8 as signed-note requires. */
    public static SignedNote parse(byte[] utf8) throws FormatException {
        if (utf8.length > NoteFormat.MAX_NOTE_BYTES) {
            throw new FormatException("note larger than " + NoteFormat.MAX_NOTE_BYTES + " bytes");
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString());
        } catch (CharacterCodingException e) {
            throw new FormatException("note is not valid UTF-8");
        }
    }

    public static SignedNote parse(String note) throws FormatException {
        if (note == null || note.length() > NoteFormat.MAX_NOTE_BYTES
                || NoteFormat.utf8(note).length > NoteFormat.MAX_NOTE_BYTES) {
            throw new FormatException("note missing or larger than " + NoteFormat.MAX_NOTE_BYTES + " bytes");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new FormatException("note has no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String problem = NoteFormat.textProblem(text);
        if (problem != null) {
            throw new FormatException(problem);
        }
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new FormatException("note has no signatures");
        }
        if (!block.endsWith("\n")) {
            throw new FormatException("signature block must end with a newline");
        }
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > NoteFormat.MAX_SIGNATURES) {
            throw new FormatException("more than " + NoteFormat.MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            if (!NoteFormat.isWellFormedUtf16(line) || line.chars().anyMatch(c -> c < 0x20)) {
                throw new FormatException("signature line contains a control character or invalid Unicode");
            }
            signatures.add(NoteSignature.parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    /** The note in its wire form: text, blank line, signature lines. */
    public String serialize() {
        StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(s -> out.append(s.line()));
        return out.toString();
    }

    /** This note with one more signature line appended (a cosignature, or a second log key). */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    /**
     * Verifies the note per C2SP signed-note: lines whose (name, key ID) matches no given verifier are ignored; a
     * line that matches one must verify, else the whole note is rejected ({@code BAD_SIGNATURE}); and at least one
     * line must verify ({@code NO_KNOWN_SIGNATURE}). Returns the verifiers whose signatures verified, in line order.
     */
    public List<NoteVerifier> verify(Collection<? extends NoteVerifier> verifiers) throws NoteException {
        byte[] message = NoteFormat.utf8(text);
        List<NoteVerifier> verified = new ArrayList<>();
        for (NoteSignature line : signatures) {
            List<NoteVerifier> candidates = verifiers.stream()
                    .filter(v -> v.name().equals(line.name()) && v.keyId() == line.keyId())
                    .map(v -> (NoteVerifier) v).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            NoteVerifier match = null;
            for (NoteVerifier candidate : candidates) { // 4-byte IDs can collide: any matching key may have signed
                try {
                    candidate.verify(message, line.signature().toArray());
                    match = candidate;
                    break;
                } catch (BadSignatureException e) {
                    // try the next key with the same name and ID
                }
            }
            if (match == null) {
                throw new NoteException(NoteException.Reason.BAD_SIGNATURE,
                        "signature by " + line.name() + " " + line.keyIdHex() + " does not verify");
            }
            if (!verified.contains(match)) {
                verified.add(match);
            }
        }
        if (verified.isEmpty()) {
            throw new NoteException(NoteException.Reason.NO_KNOWN_SIGNATURE, "no signature by a known key");
        }
        return verified;
    }

    /**
     * Verifies the note ({@link #verify}) and only then reads its text as a C2SP checkpoint, since signed-note says
     * unverified text must be ignored. A verified text that is not a checkpoint is {@code MALFORMED}.
     */
    public Checkpoint verifyCheckpoint(Collection<? extends NoteVerifier> verifiers) throws NoteException {
        verify(verifiers);
        try {
            return Checkpoint.parse(text);
        } catch (FormatException e) {
            throw new NoteException(NoteException.Reason.MALFORMED, "signed text is not a checkpoint: " + e.getMessage());
        }
    }
}
