package dev.hallmark.core.verify;

import static dev.hallmark.core.verify.VerificationException.Reason.*;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.bundle.BundleContent;
import dev.hallmark.core.bundle.TlogEntry;
import dev.hallmark.core.bundle.TlogInclusionProof;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteException;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.core.rekor.SignedEntryTimestamp;
import dev.hallmark.core.verify.VerificationResult.VerifiedLogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Checks one transparency log entry's inclusion: the signed entry timestamp (sigstore.md §3.3) and the inclusion
 * proof against a signed checkpoint (§3.4, §4.3). What the entry says is compared with the bundle elsewhere.
 *
 * <p>A checkpoint whose signature verified is remembered, by its exact bytes and the trusted log that signed it: the
 * entries a log integrated in one batch all carry the same checkpoint (an audit of a lockfile meets each many times),
 * and the same bytes under the same key can only verify the same way. The cache is bounded. Everything that differs
 * per entry (its SET, its inclusion proof against the checkpoint's root, what it records) is always checked.
 */
final class TlogEntryVerifier {
    private static final int CHECKPOINT_CACHE_LIMIT = 4096;

    private final TrustMaterial trust;
    private final Duration clockSkew;
    /** SHA-256 of a checkpoint note that verified, and the log whose key verified it. */
    private final Map<Bytes, TrustMaterial.Log> verifiedCheckpoints = new ConcurrentHashMap<>();

    TlogEntryVerifier(TrustMaterial trust, Duration clockSkew) {
        this.trust = trust;
        this.clockSkew = clockSkew;
    }

    /** Verifies the SET of every entry that has one; their integrated times become trusted times. */
    Map<TlogEntry, TrustMaterial.Log> verifyPromises(List<TlogEntry> entries, Instant now) throws VerificationException {
        Map<TlogEntry, TrustMaterial.Log> promisedBy = new IdentityHashMap<>();
        for (TlogEntry entry : entries) {
            if (entry.signedEntryTimestamp().isPresent()) {
                promisedBy.put(entry, verifyPromise(entry, entry.signedEntryTimestamp().get(), now));
            }
        }
        return promisedBy;
    }

    /**
     * Step 4 of sigstore.md §8 for every entry: inclusion (by proof, or by the promise already verified), then what the
     * entry records. An entry counts once per (log, leaf), whatever index the bundle claims: only a SET signs the
     * global index, only a proof binds the tree index.
     */
    List<VerifiedLogEntry> verifyInclusions(List<TlogEntry> entries, Map<TlogEntry, TrustMaterial.Log> promisedBy, List<Instant> trustedTimes,
                                            BundleContent content, Bytes signerDer, Artifact artifact) throws VerificationException {
        Map<String, VerifiedLogEntry> verified = new LinkedHashMap<>();
        for (TlogEntry entry : entries) {
            TrustMaterial.Log log = promisedBy.get(entry);
            long index = entry.logIndex();
            // Early v0.1 bundles carry a proof without a checkpoint; with nothing signing its root it proves nothing,
            // and the SET (which v0.1 requires) stands alone, as it does in bundles with no proof at all.
            boolean proven = entry.inclusionProof().isPresent()
                    && (entry.inclusionProof().get().checkpoint().isPresent() || log == null);
            if (proven) {
                TrustMaterial.Log proofLog = verifyProof(entry, entry.inclusionProof().get());
                if (log == null) {
                    log = proofLog;
                    index = entry.inclusionProof().get().logIndex();
                    requireValidAt(log, trustedTimes);
                }
            } else if (log == null) {
                throw new VerificationException(INCLUSION_PROOF_MISSING, "log entry has neither an inclusion proof nor a promise");
            }
            EntryBodyMatcher.match(entry, content, signerDer, artifact);
            String key = log.log().logId().hex() + ":" + MerkleHash.leafHash(entry.canonicalizedBody()).hex();
            verified.putIfAbsent(key, new VerifiedLogEntry(log.log().baseUrl(), index, entry.kind(), entry.version(), proven, promisedBy.containsKey(entry)));
        }
        return List.copyOf(verified.values());
    }

    /** The trusted logs an entry names; an entry from a log the root does not know fails (wrong instance). */
    private List<TrustMaterial.Log> logsOf(TlogEntry entry) throws VerificationException {
        List<TrustMaterial.Log> logs = trust.tlogsWithId(entry.logId());
        if (logs.isEmpty()) {
            throw new VerificationException(TLOG_UNKNOWN_LOG, "no trusted transparency log has ID " + entry.logId().base64());
        }
        return logs;
    }

    /** Verifies one SET and returns the log that signed it; its integrated time is then a trusted time. */
    private TrustMaterial.Log verifyPromise(TlogEntry entry, Bytes set, Instant now) throws VerificationException {
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
    private void requireValidAt(TrustMaterial.Log log, List<Instant> times) throws VerificationException {
        for (Instant time : times) {
            if (!log.log().publicKey().validFor().contains(time)) {
                throw new VerificationException(TLOG_TIME_OUTSIDE_LOG_VALIDITY, "the log key of " + log.log().baseUrl() + " is not valid at " + time);
            }
        }
    }

    /** Verifies the inclusion proof and its checkpoint; returns the log whose checkpoint signature verified. */
    private TrustMaterial.Log verifyProof(TlogEntry entry, TlogInclusionProof proof) throws VerificationException {
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
        List<TrustMaterial.Log> logs = logsOf(entry);
        Bytes noteKey = Digest.sha256(proof.checkpoint().get().getBytes(StandardCharsets.UTF_8)).value();
        TrustMaterial.Log signer = verifiedCheckpoints.get(noteKey);
        if (signer == null || !logs.contains(signer)) {
            signer = null;
            VerificationException last = null;
            for (TrustMaterial.Log log : logs) {
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
            if (verifiedCheckpoints.size() >= CHECKPOINT_CACHE_LIMIT) {
                verifiedCheckpoints.clear(); // crude but bounded
            }
            verifiedCheckpoints.put(noteKey, signer);
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
