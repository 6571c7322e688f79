package dev.hallmark.log.rekor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.rekor.SignedEntryTimestamp;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Builds Rekor v1 {@code LogEntry} objects (sigstore.md §3.1): {@code {"<entryID>": {body, integratedTime, logID,
 * logIndex, verification: {inclusionProof, signedEntryTimestamp}}}}, hex for IDs and hashes, base64 for the body and
 * the SET. The SET is signed afresh for every answer, as Rekor does: it covers only stored values, so every copy
 * verifies. The inclusion proof is checked against the checkpoint before it leaves (STYLE: check your own outputs).
 *
 * <p>The log has a single shard, so the global {@code logIndex} the SET signs equals the tree index of the proof.
 */
final class LogEntries {
    private final LogReader reader;
    private final Signer setSigner;
    private final Bytes logId;
    private final String treeIdHex;

    LogEntries(LogReader reader, Signer setSigner, Bytes logId, long treeId) {
        this.reader = reader;
        this.setSigner = setSigner;
        this.logId = logId;
        this.treeIdHex = HexFormat.of().toHexDigits(treeId);
    }

    /** Entry ID = 16 hex digits of the tree ID followed by the UUID (the leaf hash in hex): 80 hex digits. */
    String entryId(Bytes leafHash) {
        return treeIdHex + leafHash.hex();
    }

    String treeIdHex() {
        return treeIdHex;
    }

    /** The entry at {@code index}, proven against the latest checkpoint; empty if that checkpoint does not cover it. */
    Optional<ObjectNode> byIndex(long index) throws ApiError {
        try {
            PublishedCheckpoint checkpoint = reader.latestCheckpoint();
            if (index < 0 || index >= checkpoint.size()) {
                return Optional.empty();
            }
            Optional<LoggedEntry> entry = reader.entry(index);
            if (entry.isEmpty()) {
                throw new ApiError(500, "entry missing from the published tree");
            }
            return Optional.of(logEntry(entry.get(), checkpoint));
        } catch (LogStorageException e) {
            throw ApiError.storage();
        }
    }

    /** The entry with this leaf hash (UUID), proven against the latest checkpoint; empty if not published. */
    Optional<ObjectNode> byLeafHash(Bytes leafHash) throws ApiError {
        try {
            Optional<Long> index = reader.indexOf(leafHash);
            if (index.isEmpty()) {
                return Optional.empty();
            }
            return byIndex(index.get());
        } catch (LogStorageException e) {
            throw ApiError.storage();
        }
    }

    /** The LogEntry of {@code entry} with its inclusion proof in the tree of {@code checkpoint}. */
    ObjectNode logEntry(LoggedEntry entry, PublishedCheckpoint checkpoint) throws ApiError {
        InclusionProof proof;
        try {
            proof = reader.inclusionProof(entry.index(), checkpoint.size());
        } catch (LogStorageException e) {
            throw ApiError.storage();
        } catch (IllegalArgumentException e) {
            throw new ApiError(500, "no inclusion proof for a published entry");
        }
        Bytes leafHash = MerkleHash.leafHash(entry.data());
        try {
            proof.verify(leafHash, checkpoint.checkpoint().rootHash());
        } catch (ProofException e) {
            throw new ApiError(500, "the log produced an inclusion proof that does not verify");
        }
        long integratedTime = entry.integratedTime().getEpochSecond();
        Bytes set = setSigner.sign(SignedEntryTimestamp.payload(entry.data(), integratedTime, logId, entry.index()));

        ObjectNode inclusion = Json.object();
        inclusion.put("checkpoint", checkpoint.text());
        ArrayNode hashes = inclusion.putArray("hashes");
        proof.hashes().forEach(h -> hashes.add(h.hex()));
        inclusion.put("logIndex", proof.leafIndex());
        inclusion.put("rootHash", checkpoint.checkpoint().rootHash().hex());
        inclusion.put("treeSize", checkpoint.size());

        ObjectNode anon = Json.object();
        anon.put("body", entry.data().base64());
        anon.put("integratedTime", integratedTime);
        anon.put("logID", logId.hex());
        anon.put("logIndex", entry.index());
        ObjectNode verification = anon.putObject("verification");
        verification.set("inclusionProof", inclusion);
        verification.put("signedEntryTimestamp", set.base64());

        ObjectNode logEntry = Json.object();
        logEntry.set(entryId(leafHash), anon);
        return logEntry;
    }
}
