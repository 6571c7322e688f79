package dev.hallmark.core.note;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The text of a C2SP tlog-checkpoint (sigstore.md §3.4, §4.3): origin, tree size, base64 root hash, then optional
 * extension lines such as the {@code Timestamp: <unix ns>} line Rekor v1 wrote before 2023-12. The signatures live
 * in the enclosing {@link SignedNote}; a checkpoint's content must only be trusted once that note verified.
 */
public record Checkpoint(String origin, long size, Bytes rootHash, List<String> extensionLines) {
    /** Length of an RFC 6962 SHA-256 root hash. */
    public static final int HASH_SIZE = 32;

    public Checkpoint {
        if (origin == null || origin.isEmpty() || !isLine(origin)) {
            throw new IllegalArgumentException("checkpoint origin must be a non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        Objects.requireNonNull(rootHash, "rootHash");
        if (rootHash.length() != HASH_SIZE) {
            throw new IllegalArgumentException("root hash must be " + HASH_SIZE + " bytes");
        }
        extensionLines = List.copyOf(Objects.requireNonNull(extensionLines, "extensionLines"));
        for (String line : extensionLines) {
            if (line.isEmpty() || !isLine(line)) {
                throw new IllegalArgumentException("extension lines must be non-empty lines");
            }
        }
    }

    public Checkpoint(String origin, long size, Bytes rootHash) {
        this(origin, size, rootHash, List.of());
    }

    private static boolean isLine(String s) {
        return NoteFormat.isWellFormedUtf16(s) && s.chars().noneMatch(c -> c < 0x20);
    }

    /** Parses note text (including its final newline) as a checkpoint. */
    public static Checkpoint parse(String noteText) throws FormatException {
        if (noteText == null || noteText.length() > NoteFormat.MAX_NOTE_BYTES) {
            throw new FormatException("checkpoint text missing or too large");
        }
        String problem = NoteFormat.textProblem(noteText);
        if (problem != null) {
            throw new FormatException(problem);
        }
        String[] lines = noteText.substring(0, noteText.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new FormatException("checkpoint needs origin, size and root hash lines");
        }
        for (String line : lines) {
            if (line.isEmpty()) {
                throw new FormatException("checkpoint lines must not be empty");
            }
        }
        Bytes root = NoteFormat.base64(lines[2]);
        if (root.length() != HASH_SIZE) {
            throw new FormatException("checkpoint root hash is " + root.length() + " bytes, not " + HASH_SIZE);
        }
        return new Checkpoint(lines[0], parseSize(lines[1]), root, List.of(lines).subList(3, lines.length));
    }

    /** tlog-checkpoint: ASCII decimal without leading zeros ("0" for the empty tree); at most 2^63 - 1 here. */
    private static long parseSize(String s) throws FormatException {
        if (s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0') || s.chars().anyMatch(c -> c < '0' || c > '9')) {
            throw new FormatException("checkpoint size is not a decimal without leading zeros");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new FormatException("checkpoint size out of range");
        }
    }

    /** Parses the text of a note; only meaningful once the note has been verified. */
    public static Checkpoint fromNote(SignedNote note) throws FormatException {
        return parse(note.text());
    }

    /** The note text this checkpoint is signed as, ending with a newline. */
    public String toNoteText() {
        StringBuilder out = new StringBuilder();
        out.append(origin).append('\n').append(size).append('\n').append(rootHash.base64()).append('\n');
        extensionLines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
