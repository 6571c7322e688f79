package dev.hallmark.bench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteException;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.note.VerifierKey;
import java.util.List;

/**
 * C2SP signed notes and checkpoints (and note verifier keys): {@link SignedNote#parse}, {@link Checkpoint#fromNote},
 * {@link Checkpoint#parse}, {@link VerifierKey#parse}, and verification against a log key, which must end in a value,
 * a {@code FormatException} or a {@code NoteException}. A note that parses must serialize to text that parses again.
 */
public final class NoteFuzz {
    private static final NoteVerifier LOG = verifier();

    private NoteFuzz() {
    }

    private static NoteVerifier verifier() {
        try {
            return NoteVerifier.forLogKey("log.example", Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey());
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2);
        String text = data.consumeRemainingAsString();
        try {
            switch (mode) {
                case 0 -> {
                    SignedNote note = SignedNote.parse(text);
                    SignedNote.parse(note.serialize());
                    try {
                        Checkpoint.fromNote(note);
                    } catch (FormatException e) {
                        // typed refusal
                    }
                    try {
                        note.verifyCheckpoint(List.of(LOG));
                    } catch (NoteException e) {
                        // typed refusal
                    }
                }
                case 1 -> Checkpoint.parse(text);
                default -> VerifierKey.parse(text);
            }
        } catch (FormatException e) {
            // typed refusal
        }
    }
}
