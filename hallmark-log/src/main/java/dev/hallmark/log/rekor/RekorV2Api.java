package dev.hallmark.log.rekor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.PublicKeyVerifier;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.InclusionProof;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.merkle.ProofException;
import dev.hallmark.core.note.NoteException;
import dev.hallmark.core.note.NoteVerifier;
import dev.hallmark.core.rekor.EntryVerifier;
import dev.hallmark.core.rekor.HashedRekordV002;
import dev.hallmark.core.rekor.VerifierKey;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.PublishedCheckpoint;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.rekor.EntryRejectedException.Reason;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Rekor v2 write API (sigstore/rekor-tiles, sigstore.md §4.1): {@code POST /api/v2/log/entries} with a
 * {@code hashedRekordRequestV002}. The log checks the key details against the key, the digest length and the signature
 * over the digest, stores the hashedrekord 0.0.2 body, waits until a published checkpoint covers it and answers 201
 * with a {@code TransparencyLogEntry} a client embeds in its bundle as is. There is no SET and no integrated time: a
 * v2 bundle's signing time comes from an RFC 3161 timestamp. Reads go through the tlog-tiles API ({@code TilesApi}).
 *
 * <p>Errors are written as grpc-gateway does ({@code code} = gRPC status code).
 */
public final class RekorV2Api {
    private final LogAppender appender;
    private final LogReader reader;
    private final NoteVerifier checkpointKey;
    private final RekorLimits limits;

    /** @param checkpointKey the key the log signs checkpoints with; its full C2SP key ID is the v2 log ID */
    public RekorV2Api(LogAppender appender, LogReader reader, NoteVerifier checkpointKey, RekorLimits limits) {
        this.appender = Objects.requireNonNull(appender, "appender");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.checkpointKey = Objects.requireNonNull(checkpointKey, "checkpointKey");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The v2 log ID: the full 32-byte key ID of the checkpoint key (sigstore.md §4.3). */
    public Bytes logId() {
        return checkpointKey.fullKeyId();
    }

    /** 201 with the TransparencyLogEntry; 400 invalid or deprecated dsse; 409 duplicate (x-log-index); 413; 503. */
    public LogApiResponse createEntry(Bytes body) {
        try {
            return create(body);
        } catch (ApiError e) {
            return e.toV2Response();
        }
    }

    private LogApiResponse create(Bytes body) throws ApiError {
        if (body.length() > limits.maxRequestBytes()) {
            throw new ApiError(413, "request body of " + body.length() + " bytes exceeds the limit of " + limits.maxRequestBytes());
        }
        HashedRekordV002 entry;
        try {
            entry = canonicalBody(body, limits.maxRequestBytes());
        } catch (EntryRejectedException e) {
            throw new ApiError(400, e.getMessage());
        }
        Bytes canonical = Bytes.of(entry.canonicalize());
        if (canonical.length() > LogAppender.MAX_ENTRY_BYTES) {
            throw new ApiError(413, "the canonical entry exceeds " + LogAppender.MAX_ENTRY_BYTES + " bytes");
        }
        long deadline = System.nanoTime() + limits.commitTimeout().toNanos();
        CompletableFuture<AddOutcome> added;
        try {
            added = appender.add(canonical);
        } catch (RuntimeException e) {
            added = CompletableFuture.failedFuture(e);
        }
        AddOutcome outcome = ApiError.await(added, deadline, "the entry to be sequenced");
        if (outcome instanceof AddOutcome.Duplicate) {
            throw new ApiError(409, "an equivalent entry already exists in the log at index " + outcome.index(),
                    Map.of("x-log-index", Long.toString(outcome.index())));
        }
        PublishedCheckpoint checkpoint = ApiError.await(reader.checkpointCovering(outcome.index()), deadline,
                "a checkpoint covering the entry");
        return LogApiResponse.json(201, transparencyLogEntry(outcome.index(), canonical, checkpoint));
    }

    /** The bundle's {@code TransparencyLogEntry} (proto3 JSON: int64 as strings, bytes as base64), self-checked. */
    private ObjectNode transparencyLogEntry(long index, Bytes canonical, PublishedCheckpoint checkpoint) throws ApiError {
        InclusionProof proof;
        try {
            proof = reader.inclusionProof(index, checkpoint.size());
            proof.verify(MerkleHash.leafHash(canonical), checkpoint.checkpoint().rootHash());
            checkpoint.note().verify(List.of(checkpointKey));
        } catch (LogStorageException e) {
            throw ApiError.storage();
        } catch (ProofException | NoteException | IllegalArgumentException e) {
            throw new ApiError(500, "the log produced a proof or checkpoint that does not verify");
        }
        ObjectNode out = Json.object();
        out.put("logIndex", Long.toString(index));
        out.putObject("logId").put("keyId", logId().base64());
        ObjectNode kindVersion = out.putObject("kindVersion");
        kindVersion.put("kind", HashedRekordV002.KIND);
        kindVersion.put("version", HashedRekordV002.API_VERSION);
        ObjectNode inclusion = out.putObject("inclusionProof");
        inclusion.put("logIndex", Long.toString(proof.leafIndex()));
        inclusion.put("rootHash", checkpoint.checkpoint().rootHash().base64());
        inclusion.put("treeSize", Long.toString(checkpoint.size()));
        ArrayNode hashes = inclusion.putArray("hashes");
        proof.hashes().forEach(h -> hashes.add(h.base64()));
        inclusion.putObject("checkpoint").put("envelope", checkpoint.text());
        out.put("canonicalizedBody", canonical.base64());
        return out;
    }

    /**
     * Reads and checks a {@code CreateEntryRequest}. Only {@code hashedRekordRequestV002} is accepted; rekor-tiles
     * refuses the deprecated {@code dsseRequestV002} (a DSSE envelope is logged as a hashedrekord over its PAE).
     */
    static HashedRekordV002 canonicalBody(Bytes json, int maxBytes) throws EntryRejectedException {
        try {
            ObjectNode request = Json.parseObject(json.toArray(), maxBytes);
            if (request.has("dsseRequestV002")) {
                throw new EntryRejectedException(Reason.UNSUPPORTED_KIND,
                        "dsse entries are deprecated; log a DSSE envelope as a hashedrekord over its PAE");
            }
            Optional<ObjectNode> hashedRekord = Json.optionalObject(request, "hashedRekordRequestV002");
            if (hashedRekord.isEmpty()) {
                throw new EntryRejectedException(Reason.UNSUPPORTED_KIND, "the request must hold a hashedRekordRequestV002");
            }
            return hashedRekord(hashedRekord.get());
        } catch (FormatException | IllegalArgumentException e) {
            throw new EntryRejectedException(Reason.MALFORMED, "invalid hashedrekord request: " + e.getMessage());
        }
    }

    private static HashedRekordV002 hashedRekord(ObjectNode request) throws FormatException, EntryRejectedException {
        Bytes digest = Json.requireBase64(request, "digest");
        ObjectNode signature = Json.optionalObject(request, "signature").orElse(null);
        if (signature == null || !signature.hasNonNull("content") || Json.requireBase64(signature, "content").isEmpty()) {
            throw new EntryRejectedException(Reason.UNSIGNED, "the request has no signature");
        }
        Bytes content = Json.requireBase64(signature, "content");
        ObjectNode verifier = Json.requireObject(signature, "verifier");
        String keyDetails = Json.requireText(verifier, "keyDetails");
        Optional<ObjectNode> certificate = Json.optionalObject(verifier, "x509Certificate");
        Optional<ObjectNode> publicKey = Json.optionalObject(verifier, "publicKey");
        if (certificate.isPresent() == publicKey.isPresent()) {
            throw new FormatException("verifier must hold exactly one of x509Certificate and publicKey");
        }
        VerifierKey key = certificate.isPresent()
                ? VerifierKey.certificate(Json.requireBase64(certificate.get(), "rawBytes"))
                : VerifierKey.publicKey(Json.requireBase64(publicKey.get(), "rawBytes"));
        PublicKeyVerifier keyVerifier;
        SignatureAlgorithm algorithm;
        try {
            algorithm = SignatureAlgorithm.fromKeyDetails(keyDetails);
            PublicKey pk = key.toPublicKey();
            if (!algorithm.keyDetails(pk).equals(keyDetails)) {
                throw new FormatException("keyDetails " + keyDetails + " do not describe the key");
            }
            keyVerifier = algorithm.verifier(pk);
        } catch (FormatException e) {
            throw new EntryRejectedException(Reason.UNSUPPORTED_KEY, e.getMessage());
        }
        if (algorithm.hash() == null) {
            throw new EntryRejectedException(Reason.UNSUPPORTED_KEY, "pure " + algorithm + " cannot sign a bare digest");
        }
        if (digest.length() != algorithm.hash().length()) {
            throw new FormatException("digest must be " + algorithm.hash().length() + " bytes for " + keyDetails);
        }
        Digest data = new Digest(algorithm.hash(), digest);
        try {
            keyVerifier.verifyDigest(data, content.toArray());
        } catch (BadSignatureException e) {
            throw new EntryRejectedException(Reason.BAD_SIGNATURE, "the signature does not verify over the digest");
        }
        return new HashedRekordV002(data, content, new EntryVerifier(key, keyDetails));
    }
}
