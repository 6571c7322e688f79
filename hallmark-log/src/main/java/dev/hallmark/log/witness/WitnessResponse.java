package dev.hallmark.log.witness;

import dev.hallmark.core.note.NoteSignature;
import java.util.List;
import java.util.Objects;

/**
 * What a witness answered to {@code add-checkpoint} (C2SP tlog-witness; sigstore.md §4.4). Every answer, including
 * "could not reach it", is a value: the cosigner treats them all in one exhaustive switch.
 */
public sealed interface WitnessResponse {
    /** 200: signature lines as returned, <em>not yet verified</em> (the cosigner checks them against the vkey). */
    record Cosigned(List<NoteSignature> lines) implements WitnessResponse {
        public Cosigned {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a 200 answer carries at least one signature line");
            }
        }
    }

    /** 409 with {@code text/x.tlog.size}: the witness's latest cosigned size differs from the old size sent. */
    record Conflict(long witnessSize) implements WitnessResponse {
        public Conflict {
            if (witnessSize < 0) {
                throw new IllegalArgumentException("negative size");
            }
        }
    }

    /** Any other outcome, by reason. */
    record Failed(Reason reason, String detail) implements WitnessResponse {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum Reason {
        /** 404: the witness does not know the checkpoint's origin. */
        UNKNOWN_ORIGIN,
        /** 403: no signature on the checkpoint verifies with a log key the witness trusts. */
        BAD_LOG_SIGNATURE,
        /** 400: malformed request, or old size larger than the checkpoint's. */
        BAD_REQUEST,
        /** 422: the consistency proof does not verify (or a bad empty-tree root). */
        BAD_PROOF,
        /** 409 again after the one retry, or a witness ahead of this log (its size exceeds the checkpoint's). */
        CONFLICT,
        /** Another status, or a body that breaks the protocol (not signature lines, wrong content type, too big). */
        MALFORMED_RESPONSE,
        /** Connection failed or timed out. */
        UNREACHABLE
    }
}
