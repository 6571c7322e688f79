package dev.hallmark.log.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.HashAlgorithm;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.api.LogApiResponse;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Rekor v1 endpoints about the log as a whole: log info, consistency proofs, public key, and the search index. */
final class LogQueries {
    private final LogReader reader;
    private final String publicKeyPem;
    private final long treeId;
    private final RekorLimits limits;
    private final ArtifactIndex index;

    LogQueries(LogReader reader, PublicKey key, long treeId, RekorLimits limits) {
        this.reader = reader;
        this.publicKeyPem = Keys.toPem(key);
        this.treeId = treeId;
        this.limits = limits;
        this.index = new ArtifactIndex(reader);
    }

    /** {@code {"rootHash": hex, "treeSize": n, "signedTreeHead": checkpoint, "treeID": "decimal"}} (sigstore.md §3.1). */
    LogApiResponse logInfo() throws ApiError {
        PublishedCheckpoint checkpoint = latest();
        ObjectNode info = Json.object();
        info.put("rootHash", checkpoint.checkpoint().rootHash().hex());
        info.put("treeSize", checkpoint.size());
        info.put("signedTreeHead", checkpoint.text());
        info.put("treeID", Long.toString(treeId));
        return LogApiResponse.json(200, info);
    }

    LogApiResponse publicKey() {
        return LogApiResponse.text(200, LogApiResponse.PEM, publicKeyPem, Map.of());
    }

    /**
     * {@code {"rootHash": hex root at lastSize, "hashes": [hex…]}}. Rekor's messages for bad sizes are kept. The proof is
     * checked against both roots before it is served; older roots are rebuilt from an inclusion proof of the last leaf
     * of that size, since the reader keeps no historical roots.
     */
    LogApiResponse consistencyProof(String firstSizeParam, String lastSizeParam) throws ApiError {
        long firstSize = firstSizeParam == null || firstSizeParam.isEmpty() ? 1 : parseSize(firstSizeParam, "firstSize", 1);
        if (lastSizeParam == null || lastSizeParam.isEmpty()) {
            throw new ApiError(400, "lastSize is required");
        }
        long lastSize = parseSize(lastSizeParam, "lastSize", 1);
        if (firstSize > lastSize) {
            throw new ApiError(400, "firstSize(" + firstSize + ") must be less than lastSize(" + lastSize + ")");
        }
        PublishedCheckpoint checkpoint = latest();
        if (lastSize > checkpoint.size()) {
            throw new ApiError(400, "the tree size requested(" + lastSize + ") was greater than what is currently observable("
                    + checkpoint.size() + ")");
        }
        try {
            ConsistencyProof proof = reader.consistencyProof(firstSize, lastSize);
            Bytes lastRoot = rootAt(lastSize, checkpoint);
            proof.verify(rootAt(firstSize, checkpoint), lastRoot);
            ObjectNode out = Json.object();
            out.put("rootHash", lastRoot.hex());
            ArrayNode hashes = out.putArray("hashes");
            proof.hashes().forEach(h -> hashes.add(h.hex()));
            return LogApiResponse.json(200, out);
        } catch (LogStorageException e) {
            throw ApiError.storage();
        } catch (ProofException | IllegalArgumentException e) {
            throw new ApiError(500, "the log produced a consistency proof that does not verify");
        }
    }

    private Bytes rootAt(long size, PublishedCheckpoint checkpoint) throws LogStorageException, ProofException, ApiError {
        if (size == checkpoint.size()) {
            return checkpoint.checkpoint().rootHash();
        }
        Optional<LoggedEntry> last = reader.entry(size - 1);
        if (last.isEmpty()) {
            throw new ApiError(500, "entry missing from the published tree");
        }
        return reader.inclusionProof(size - 1, size).rootFrom(MerkleHash.leafHash(last.get().data()));
    }

    /**
     * {@code {"hash": "[sha256:]<hex>"}} → the UUIDs of entries recording that digest (see {@link ArtifactIndex}). The
     * algorithm prefix may be left out; it then follows from the length, as Rekor's query pattern allows. Rekor's other
     * queries ({@code publicKey}, {@code email}) are not supported by this log: 400.
     */
    LogApiResponse searchIndex(Bytes body) throws ApiError {
        ObjectNode query = parseBody(body, limits);
        if (query.has("publicKey") || query.has("email")) {
            throw new ApiError(400, "this log searches by artifact hash only");
        }
        JsonNode hash = query.get("hash");
        if (hash == null || !hash.isTextual() || hash.textValue().isEmpty()) {
            throw new ApiError(400, "a hash to search for is required");
        }
        Digest digest = parseDigest(hash.textValue());
        try {
            ArrayNode out = Json.array();
            index.find(digest).forEach(out::add);
            return LogApiResponse.json(200, out);
        } catch (LogStorageException e) {
            throw ApiError.storage();
        }
    }

    static Digest parseDigest(String text) throws ApiError {
        String lower = text.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        String hex = colon < 0 ? lower : lower.substring(colon + 1);
        try {
            HashAlgorithm algorithm;
            if (colon >= 0) {
                algorithm = HashAlgorithm.parse(lower.substring(0, colon));
            } else {
                algorithm = switch (hex.length()) {
                    case 64 -> HashAlgorithm.SHA2_256;
                    case 96 -> HashAlgorithm.SHA2_384;
                    case 128 -> HashAlgorithm.SHA2_512;
                    default -> throw new FormatException("unknown digest length");
                };
            }
            return Digest.of(algorithm, Bytes.fromHex(hex));
        } catch (FormatException e) {
            throw new ApiError(400, "hash must be [sha256:|sha384:|sha512:]<hex digest>");
        }
    }

    /** A non-negative decimal query parameter (sizes and indices are unsigned on the wire, STYLE). */
    static long parseSize(String value, String name, long min) throws ApiError {
        if (value == null || value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiError(400, name + " must be a non-negative integer");
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " is out of range");
        }
        if (parsed < min) {
            throw new ApiError(400, name + " must be at least " + min);
        }
        return parsed;
    }

    static ObjectNode parseBody(Bytes body, RekorLimits limits) throws ApiError {
        try {
            return Json.parseObject(body.toArray(), limits.maxRequestBytes());
        } catch (FormatException e) {
            throw new ApiError(400, "request body must be a JSON object");
        }
    }

    private PublishedCheckpoint latest() throws ApiError {
        try {
            return reader.latestCheckpoint();
        } catch (LogStorageException e) {
            throw ApiError.storage();
        }
    }
}
