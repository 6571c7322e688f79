package dev.hallmark.log.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.rekor.EntryBody;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LoggedEntry;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.api.LogApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Rekor v1 REST API (sigstore/rekor {@code openapi.yaml}, sigstore.md §3) over a personality-free log: one method
 * per endpoint, plain values in, a {@link LogApiResponse} out; the server module maps paths and query parameters to
 * these methods. Query parameters arrive as the raw strings so that malformed ones get Rekor's 400 here, in one place.
 *
 * <p>Writes ({@link #createEntry}) check the proposed entry's signature, store the canonical body, wait until the
 * index is durable and a published checkpoint covers it, and answer 201 with the entry, its SET and its inclusion
 * proof. The SET key (ECDSA P-256) should also be the key the engine signs checkpoints with, as in Rekor: the trusted
 * root lists one key per log for both (sigstore.md §3.4).
 */
public final class RekorV1Api {
    /** Path of the entries collection below the log's base path (the Location header is built from it). */
    public static final String ENTRIES_PATH = "/api/v1/log/entries";

    private final LogAppender appender;
    private final LogReader reader;
    private final String basePath;
    private final RekorLimits limits;
    private final LogEntries entries;
    private final LogQueries queries;
    private final Bytes logId;

    /**
     * @param setSigner the log's ECDSA P-256 key; {@code logID} = SHA-256 of its SubjectPublicKeyInfo
     * @param treeId the tree ID in entry IDs ({@code %016x}) and in {@code GET /api/v1/log} ({@code treeID}, decimal)
     * @param basePath the path the API is served under, {@code ""} or {@code "/something"} without a trailing slash
     */
    public RekorV1Api(LogAppender appender, LogReader reader, Signer setSigner, long treeId, String basePath, RekorLimits limits) {
        this.appender = Objects.requireNonNull(appender, "appender");
        this.reader = Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(setSigner, "setSigner");
        if (setSigner.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException("a Rekor v1 log signs SETs with ECDSA P-256, not " + setSigner.algorithm());
        }
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("basePath must be empty or start, and not end, with '/'");
        }
        this.basePath = basePath;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.logId = Digest.sha256(Keys.spki(setSigner.publicKey()).toArray()).value();
        this.entries = new LogEntries(reader, setSigner, logId, treeId);
        this.queries = new LogQueries(reader, setSigner.publicKey(), treeId, limits);
    }

    /** The log ID: SHA-256 of the SET key's SubjectPublicKeyInfo (hex in the API, base64 in bundles). */
    public Bytes logId() {
        return logId;
    }

    /**
     * {@code POST /api/v1/log/entries}: 201 with the LogEntry, 400 invalid, 409 duplicate, 413 too large, 503 busy.
     * {@code ETag} and {@code Location} name the 80-hex entry ID, the LogEntry's key, as Rekor's
     * {@code CreateLogEntryHandler} does (sigstore.md §3.1 writes {@code <uuid>}; {@link #getEntry} accepts both). A
     * duplicate answers Rekor's error body with the {@code Location} of the existing entry.
     */
    public LogApiResponse createEntry(Bytes body) {
        try {
            return create(body);
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    private LogApiResponse create(Bytes body) throws ApiError {
        requireSize(body);
        EntryBody entry;
        try {
            entry = ProposedEntries.canonicalBody(body, limits.maxRequestBytes());
        } catch (EntryRejectedException e) {
            throw ApiError.rejected(e);
        }
        Bytes canonical = Bytes.of(entry.canonicalize());
        if (canonical.length() > LogAppender.MAX_ENTRY_BYTES) {
            throw new ApiError(413, "the canonical entry exceeds " + LogAppender.MAX_ENTRY_BYTES + " bytes");
        }
        long deadline = System.nanoTime() + limits.commitTimeout().toNanos();
        AddOutcome outcome = ApiError.await(add(appender, canonical), deadline, "the entry to be sequenced");
        String entryId = entries.entryId(MerkleHash.leafHash(canonical));
        if (outcome instanceof AddOutcome.Duplicate) {
            throw new ApiError(409, "an equivalent entry already exists in the transparency log with UUID " + entryId,
                    Map.of("Location", location(entryId)));
        }
        PublishedCheckpoint checkpoint = ApiError.await(reader.checkpointCovering(outcome.index()), deadline,
                "a checkpoint covering the entry");
        if (checkpoint.size() <= outcome.index()) {
            throw new ApiError(500, "the log published a checkpoint that does not cover the entry");
        }
        ObjectNode logEntry = entries.logEntry(new LoggedEntry(outcome.index(), canonical, outcome.integratedTime()), checkpoint);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", entryId);
        headers.put("Location", location(entryId));
        return LogApiResponse.json(201, logEntry, headers);
    }

    /** {@code GET /api/v1/log/entries?logIndex=N}: 200 with the LogEntry, 404 if the published tree has no such index. */
    public LogApiResponse getEntryByIndex(String logIndex) {
        try {
            long index = LogQueries.parseSize(logIndex, "logIndex", 0);
            return found(entries.byIndex(index));
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    /** {@code GET /api/v1/log/entries/{entryUUID}}: by UUID (64 hex) or entry ID (80 hex, tree ID first). */
    public LogApiResponse getEntry(String uuidOrEntryId) {
        try {
            Optional<Bytes> leafHash = leafHashOf(uuidOrEntryId);
            return found(leafHash.isPresent() ? entries.byLeafHash(leafHash.get()) : Optional.empty());
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    /**
     * {@code POST /api/v1/log/entries/retrieve} with {@code entryUUIDs}, {@code logIndexes} and/or {@code entries}
     * (proposed entries, found by their canonical body), at most {@link RekorLimits#maxSearchQueries} in all (422
     * beyond). As in Rekor, misses are left out of the 200 array rather than failing the request; a malformed ID or
     * an invalid proposed entry is a 400.
     */
    public LogApiResponse retrieveEntries(Bytes body) {
        try {
            requireSize(body);
            ObjectNode query = LogQueries.parseBody(body, limits);
            ArrayNode uuids = optionalArray(query, "entryUUIDs");
            ArrayNode indexes = optionalArray(query, "logIndexes");
            ArrayNode proposed = optionalArray(query, "entries");
            if (uuids.size() + indexes.size() + proposed.size() > limits.maxSearchQueries()) {
                throw new ApiError(422, "more than max allowed " + limits.maxSearchQueries() + " entries in request");
            }
            List<Optional<ObjectNode>> results = new ArrayList<>();
            for (JsonNode id : uuids) {
                if (!id.isTextual()) {
                    throw new ApiError(400, "entryUUIDs must be strings");
                }
                Optional<Bytes> leafHash = leafHashOf(id.textValue());
                results.add(leafHash.isPresent() ? entries.byLeafHash(leafHash.get()) : Optional.empty());
            }
            for (JsonNode entry : proposed) {
                try {
                    Bytes canonical = Bytes.of(ProposedEntries.canonicalBody(entry).canonicalize());
                    results.add(entries.byLeafHash(MerkleHash.leafHash(canonical)));
                } catch (EntryRejectedException e) {
                    throw ApiError.rejected(e);
                }
            }
            for (JsonNode index : indexes) {
                if (!index.canConvertToLong() || !index.isIntegralNumber() || index.longValue() < 0) {
                    throw new ApiError(400, "logIndexes must be non-negative integers");
                }
                results.add(entries.byIndex(index.longValue()));
            }
            ArrayNode out = Json.array();
            results.forEach(r -> r.ifPresent(out::add));
            return LogApiResponse.json(200, out);
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    /** {@code POST /api/v1/index/retrieve} with {@code {"hash": "sha256:<hex>"}}: the UUIDs of entries recording it. */
    public LogApiResponse searchIndex(Bytes body) {
        try {
            requireSize(body);
            return queries.searchIndex(body);
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    /** {@code GET /api/v1/log}: root hash, tree size, signed checkpoint and tree ID of the latest published tree. */
    public LogApiResponse getLogInfo() {
        try {
            return queries.logInfo();
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    /** {@code GET /api/v1/log/proof?firstSize=&lastSize=}: a consistency proof; {@code firstSize} defaults to 1. */
    public LogApiResponse getConsistencyProof(String firstSize, String lastSize) {
        try {
            return queries.consistencyProof(firstSize, lastSize);
        } catch (ApiError e) {
            return e.toV1Response();
        }
    }

    /** {@code GET /api/v1/log/publicKey}: the log's key as PEM ({@code application/x-pem-file}). */
    public LogApiResponse getPublicKey() {
        return queries.publicKey();
    }

    private void requireSize(Bytes body) throws ApiError {
        if (body.length() > limits.maxRequestBytes()) {
            throw new ApiError(413, "request body of " + body.length() + " bytes exceeds the limit of " + limits.maxRequestBytes());
        }
    }

    private String location(String entryId) {
        return basePath + ENTRIES_PATH + "/" + entryId;
    }

    /** A UUID or an entry ID of this tree as a leaf hash; an entry ID of another tree is simply not found here. */
    private Optional<Bytes> leafHashOf(String id) throws ApiError {
        if (id == null || (id.length() != 64 && id.length() != 80)) {
            throw new ApiError(400, "UUID must be a 64-character hexadecimal string");
        }
        Bytes bytes;
        try {
            bytes = Bytes.fromHex(id);
        } catch (FormatException e) {
            throw new ApiError(400, "UUID must be a 64-character hexadecimal string");
        }
        if (id.length() == 80 && !id.substring(0, 16).equalsIgnoreCase(entries.treeIdHex())) {
            return Optional.empty();
        }
        return Optional.of(bytes.slice(bytes.length() - MerkleHash.SIZE, bytes.length()));
    }

    private static LogApiResponse found(Optional<ObjectNode> entry) {
        return entry.map(e -> LogApiResponse.json(200, e)).orElseGet(() -> LogApiResponse.error(404, "Not Found"));
    }

    private static ArrayNode optionalArray(ObjectNode query, String field) throws ApiError {
        try {
            return Json.optionalArray(query, field);
        } catch (FormatException e) {
            throw new ApiError(400, field + " must be an array");
        }
    }

    /** The appender's future; an appender that throws instead of failing the future is treated the same way. */
    private static CompletableFuture<AddOutcome> add(LogAppender appender, Bytes entry) {
        try {
            return appender.add(entry);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
