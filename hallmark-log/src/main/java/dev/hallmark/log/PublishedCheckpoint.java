package dev.hallmark.log;

import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.SignedNote;
import java.util.Objects;

/** A checkpoint the log has published: the parsed checkpoint and the signed note exactly as served (with cosignatures). */
public record PublishedCheckpoint(Checkpoint checkpoint, SignedNote note) {
    public PublishedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(note, "note");
    }

    public long size() {
        return checkpoint.size();
    }

    /** The note text with its signature lines, as served at {@code /checkpoint} and embedded in inclusion proofs. */
    public String text() {
        return note.serialize();
    }
}
