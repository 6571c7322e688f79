package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteException;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.rekor.SignedEntryTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Checks one transparency log entry's inclusion: the signed entry timestamp (sigstore.md §3.3) and the inclusion
 * proof against a signed checkpoint (§3.4, §4.3). What the entry says is compared with the bundle elsewhere.
 */
final class TlogEntryVerifier {
    private final TrustMaterial trust;
    private final Duration clockSkew;

    TlogEntryVerifier(TrustMaterial trust, Duration clockSkew) {
        this.trust = trust;
        this.clockSkew = clockSkew;
    }

    /** The trusted logs an entry names; an entry from a log the root does not know fails (wrong instance). */
    List<TrustMaterial.Log> logsOf(TlogEntry entry) throws VerificationException {
        List<TrustMaterial.Log> logs = trust.tlogsWithId(entry.logId());
        if (logs.isEmpty()) {
            throw new VerificationException(TLOG_UNKNOWN_LOG, "no trusted transparency log has ID " + entry.logId().base64());
        }
        return logs;
    }

    /** Verifies the SET and returns the log that signed it; its integrated time is then a trusted time. */
    TrustMaterial.Log verifyPromise(TlogEntry entry, Bytes set, Instant now) throws VerificationException {
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        if (integrated.isAfter(now.plus(clockSkew))) {
            throw new VerificationException(TLOG_INTEGRATED_TIME_IN_FUTURE, "integrated time " + integrated + " is in the future");
        }
        boolean anyValidLog = false;
        for (TrustMaterial.Log log : logsOf(entry)) {
            if (!log.log().publicKey().validFor().contains(integrated)) {
                continue;
            }
            anyValidLog = true;
            byte[] payload = SignedEntryTimestamp.payload(entry.canonicalizedBody(), entry.integratedTime(), log.log().logId(), entry.logIndex());
            try {
                log.verifier().verify(payload, set.toArray());
                return log;
            } catch (BadSignatureException e) {
                // try another key of the same log ID, if the root has one
            }
        }
        if (!anyValidLog) {
            throw new VerificationException(TLOG_TIME_OUTSIDE_LOG_VALIDITY, "integrated time " + integrated + " is outside the log key's validity");
        }
        throw new VerificationException(SET_INVALID, "signed entry timestamp does not verify");
    }

    /**
     * For an entry no SET vouches for (Rekor v2, or a v1 entry with a proof only), the log's key must have been valid
     * at every trusted time the bundle establishes, as it must be at the integrated time of a promised entry.
     */
    void requireValidAt(TrustMaterial.Log log, List<Instant> times) throws VerificationException {
        for (Instant time : times) {
            if (!log.log().publicKey().validFor().contains(time)) {
                throw new VerificationException(TLOG_TIME_OUTSIDE_LOG_VALIDITY, "the log key of " + log.log().baseUrl() + " is not valid at " + time);
            }
        }
    }

    /** Verifies the inclusion proof and its checkpoint; returns the log whose checkpoint signature verified. */
    TrustMaterial.Log verifyProof(TlogEntry entry, TlogInclusionProof proof) throws VerificationException {
        if (proof.checkpoint().isEmpty()) {
            throw new VerificationException(INCLUSION_PROOF_MISSING, "inclusion proof has no checkpoint");
        }
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(proof.checkpoint().get());
            checkpoint = Checkpoint.parse(note.text());
        } catch (FormatException e) {
            throw new VerificationException(CHECKPOINT_INVALID, "malformed checkpoint: " + e.getMessage());
        }
        TrustMaterial.Log signer = null;
        VerificationException last = null;
        for (TrustMaterial.Log log : logsOf(entry)) {
            try {
                note.verify(log.noteVerifiers());
                signer = log;
                break;
            } catch (NoteException e) {
                last = new VerificationException(CHECKPOINT_INVALID, "checkpoint signature: " + e.getMessage());
            }
        }
        if (signer == null) {
            throw last;
        }
        // Root and size come from the verified checkpoint; the proof's own copies must agree (sigstore.md §4.1).
        if (!checkpoint.rootHash().equals(proof.rootHash()) || checkpoint.size() != proof.treeSize()) {
            throw new VerificationException(CHECKPOINT_MISMATCH, "checkpoint root or size differs from the inclusion proof");
        }
        Bytes leaf = MerkleHash.leafHash(entry.canonicalizedBody());
        try {
            new InclusionProof(proof.logIndex(), checkpoint.size(), proof.hashes()).verify(leaf, checkpoint.rootHash());
        } catch (ProofException | IllegalArgumentException e) {
            throw new VerificationException(INCLUSION_PROOF_INVALID, "inclusion proof does not verify: " + e.getMessage());
        }
        return signer;
    }
}
