package dev.hallmark.log.witness;

import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.LogStorageException;
import java.util.List;
import java.util.Objects;

/**
 * The step on the log's publication path between "the integrator signed a checkpoint" and "the checkpoint is
 * published" (issue 3, witnessing): it may add cosignature lines to the note, and it may withhold the checkpoint.
 * A withheld checkpoint is simply not published; its entries stay sequenced and durable, and the next integration
 * round signs and offers a new checkpoint covering them. {@link #NONE} publishes the note unchanged, which is how an
 * engine without witnesses behaves.
 */
@FunctionalInterface
public interface Cosigner {
    /** Publishes every checkpoint as signed. */
    Cosigner NONE = (checkpoint, note, prover) -> new Outcome.Publish(note, List.of());

    /**
     * Called on the integrator thread, once per checkpoint to publish. {@code note} carries the log's signature over
     * {@code checkpoint}; {@code prover} gives consistency proofs from any smaller size to {@code checkpoint.size()}
     * out of the tiles about to be published (not thread-safe: callers serialize its use).
     */
    Outcome cosign(Checkpoint checkpoint, SignedNote note, ConsistencyProver prover);

    /** RFC 9162 consistency proofs to the checkpoint being published. */
    @FunctionalInterface
    interface ConsistencyProver {
        ConsistencyProof from(long oldSize) throws LogStorageException;
    }

    /** Publish this note (the log's signature plus valid cosignatures), or withhold the checkpoint for now. */
    sealed interface Outcome {
        /** The policy names of the witnesses whose cosignature verified. */
        List<String> cosignedBy();

        record Publish(SignedNote note, List<String> cosignedBy) implements Outcome {
            public Publish {
                Objects.requireNonNull(note, "note");
                cosignedBy = List.copyOf(cosignedBy);
            }
        }

        record Withhold(List<String> cosignedBy, String reason) implements Outcome {
            public Withhold {
                cosignedBy = List.copyOf(cosignedBy);
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
