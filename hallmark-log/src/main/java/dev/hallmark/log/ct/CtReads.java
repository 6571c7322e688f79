package dev.hallmark.log.ct;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.storage.ExtraDataStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The read side of RFC 6962 §4.3–4.6, over the engine's published tree. Tree heads are signed on demand and cached
 * per published tree: the engine's checkpoint is a C2SP note without a timestamp, so the STH's timestamp is the time
 * it was first asked for, never earlier than the previous STH's (monitors expect them not to go back).
 */
final class CtReads {
    private final LogReader reader;
    private final ExtraDataStore extraData;
    private final CtSigner signer;
    private final InstantSource clock;
    private final int maxEntries;
    private final ReentrantLock sthLock = new ReentrantLock();
    private SignedTreeHead latestSth;

    CtReads(LogReader reader, ExtraDataStore extraData, CtSigner signer, InstantSource clock, int maxEntries) {
        this.reader = reader;
        this.extraData = extraData;
        this.signer = signer;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    LogApiResponse getSth() {
        try {
            SignedTreeHead sth = signedTreeHead(reader.latestCheckpoint());
            ObjectNode out = Json.object();
            out.put("tree_size", sth.treeSize());
            out.put("timestamp", sth.timestampMillis());
            out.put("sha256_root_hash", sth.rootHash().base64());
            out.put("tree_head_signature", sth.treeHeadSignature().base64());
            return LogApiResponse.json(200, out);
        } catch (LogStorageException e) {
            return CtError.storage().response();
        }
    }

    private SignedTreeHead signedTreeHead(PublishedCheckpoint checkpoint) {
        sthLock.lock();
        try {
            SignedTreeHead last = latestSth;
            Bytes root = checkpoint.checkpoint().rootHash();
            if (last != null && last.treeSize() == checkpoint.size() && last.rootHash().equals(root)) {
                return last;
            }
            long timestamp = Math.max(clock.millis(), last == null ? 0 : last.timestampMillis());
            latestSth = signer.treeHead(timestamp, checkpoint.size(), root);
            return latestSth;
        } finally {
            sthLock.unlock();
        }
    }

    LogApiResponse getSthConsistency(String firstParam, String secondParam) {
        try {
            long first = size(firstParam, "first");
            long second = size(secondParam, "second");
            long published = reader.latestCheckpoint().size();
            if (first > second || second > published) {
                throw CtError.badRequest("need 0 <= first <= second <= " + published);
            }
            ConsistencyProof proof = reader.consistencyProof(first, second);
            ObjectNode out = Json.object();
            hashes(out.putArray("consistency"), proof.hashes());
            return LogApiResponse.json(200, out);
        } catch (CtError e) {
            return e.response();
        } catch (LogStorageException e) {
            return CtError.storage().response();
        }
    }

    LogApiResponse getProofByHash(String hashParam, String treeSizeParam) {
        try {
            Bytes hash;
            try {
                hash = Bytes.fromBase64(required(hashParam, "hash"));
            } catch (FormatException e) {
                throw CtError.badRequest("hash is not base64");
            }
            if (hash.length() != MerkleHash.SIZE) {
                throw CtError.badRequest("hash must be a 32-byte leaf hash");
            }
            long treeSize = size(treeSizeParam, "tree_size");
            long published = reader.latestCheckpoint().size();
            if (treeSize < 1 || treeSize > published) {
                throw CtError.badRequest("need 1 <= tree_size <= " + published);
            }
            Optional<Long> index = reader.indexOf(hash);
            if (index.isEmpty()) {
                throw new CtError(404, "no entry has this leaf hash");
            }
            if (index.get() >= treeSize) {
                throw CtError.badRequest("the entry is not in the tree of size " + treeSize);
            }
            InclusionProof proof = reader.inclusionProof(index.get(), treeSize);
            ObjectNode out = Json.object();
            out.put("leaf_index", index.get());
            hashes(out.putArray("audit_path"), proof.hashes());
            return LogApiResponse.json(200, out);
        } catch (CtError e) {
            return e.response();
        } catch (LogStorageException e) {
            return CtError.storage().response();
        }
    }

    LogApiResponse getEntries(String startParam, String endParam) {
        try {
            long start = size(startParam, "start");
            long end = size(endParam, "end");
            long published = reader.latestCheckpoint().size();
            if (start > end || start >= published) {
                throw CtError.badRequest("need 0 <= start <= end and start < " + published);
            }
            end = Math.min(end, Math.min(published - 1, start + maxEntries - 1));
            List<Bytes> leaves = new ArrayList<>();
            for (long i = start; i <= end; i++) {
                LoggedEntry entry = reader.entry(i).orElseThrow(() -> new LogStorageException("published entry missing"));
                leaves.add(entry.data());
            }
            Map<Bytes, Bytes> extras = extraData.get(leaves.stream().map(MerkleHash::leafHash).toList());
            ObjectNode out = Json.object();
            ArrayNode entries = out.putArray("entries");
            for (Bytes leaf : leaves) {
                ObjectNode e = entries.addObject();
                e.put("leaf_input", leaf.base64());
                // every entry added through CtLogApi has its chain; an empty value would mean it was added otherwise
                e.put("extra_data", extras.getOrDefault(MerkleHash.leafHash(leaf), Bytes.EMPTY).base64());
            }
            return LogApiResponse.json(200, out);
        } catch (CtError e) {
            return e.response();
        } catch (LogStorageException e) {
            return CtError.storage().response();
        }
    }

    private static void hashes(ArrayNode into, List<Bytes> hashes) {
        hashes.forEach(h -> into.add(h.base64()));
    }

    private static String required(String value, String name) throws CtError {
        if (value == null || value.isEmpty()) {
            throw CtError.badRequest("missing parameter " + name);
        }
        return value;
    }

    /** A decimal tree size or index: digits only, no sign, fits a signed 64-bit value. */
    private static long size(String value, String name) throws CtError {
        String text = required(value, name);
        if (text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw CtError.badRequest(name + " must be a non-negative decimal integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw CtError.badRequest(name + " is out of range");
        }
    }
}
