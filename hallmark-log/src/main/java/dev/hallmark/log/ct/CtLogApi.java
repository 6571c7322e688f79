package dev.hallmark.log.ct;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.json.Json;
import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.x509.Certificates;
import dev.hallmark.core.x509.SctEncoding;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogReader;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.api.LogApiResponse;
import dev.hallmark.log.storage.ExtraDataStore;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The RFC 6962 certificate transparency API (§4, sigstore.md §2) over a log engine instance of its own, as the CA
 * uses it for embedded SCTs (sigstore.md §1.4). The server maps {@code POST /ct/v1/add-chain}, {@code add-pre-chain}
 * and {@code GET /ct/v1/get-sth}, {@code get-sth-consistency}, {@code get-proof-by-hash}, {@code get-entries},
 * {@code get-roots} onto these methods, passing query parameters as the strings it received.
 *
 * <p>An add checks the chain ({@link ChainChecker}), picks the SCT timestamp, stores the chain as {@code extra_data}
 * beside the entry, appends the RFC 6962 {@code MerkleTreeLeaf} (holding that timestamp) through the engine and
 * answers with the SCT only once the append is durable. The SCT signs exactly the appended leaf bytes, so the log's
 * promise and its contents cannot drift apart. Each submission is a new entry: a CT log that re-issued the SCT of an
 * earlier identical submission would need an index by certificate, which Fulcio (fresh serial per precertificate)
 * never exercises.
 */
public final class CtLogApi {
    private final LogAppender appender;
    private final ExtraDataStore extraData;
    private final CtSigner signer;
    private final ChainChecker checker;
    private final InstantSource clock;
    private final CtLimits limits;
    private final CtReads reads;

    /**
     * @param appender and {@code reader}: the CT log's own engine
     * @param extraData the engine storage's {@link dev.hallmark.log.storage.LogStorage#extraData()}
     * @param ctKey the log's ECDSA P-256 key
     * @param roots the roots whose chains this log accepts (the instance's CA roots)
     * @param clock source of SCT and tree head timestamps
     */
    public CtLogApi(LogAppender appender, LogReader reader, ExtraDataStore extraData, Signer ctKey,
            List<X509Certificate> roots, InstantSource clock, CtLimits limits) {
        this.appender = Objects.requireNonNull(appender, "appender");
        this.extraData = Objects.requireNonNull(extraData, "extraData");
        this.signer = new CtSigner(ctKey);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.checker = new ChainChecker(roots, limits.maxChainLength());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reads = new CtReads(Objects.requireNonNull(reader, "reader"), extraData, signer, clock, limits.maxGetEntries());
    }

    /** The log ID: SHA-256 of the CT key's SubjectPublicKeyInfo (sigstore.md §2.1). */
    public Bytes logId() {
        return signer.logId();
    }

    /** RFC 6962 §4.1 {@code add-chain}: 200 with the SCT over an {@code x509_entry}; 400; 413; 503; 500. */
    public LogApiResponse addChain(Bytes body) {
        return add(body, false);
    }

    /** RFC 6962 §4.2 {@code add-pre-chain}: 200 with the SCT over a {@code precert_entry}; 400; 413; 503; 500. */
    public LogApiResponse addPreChain(Bytes body) {
        return add(body, true);
    }

    /** RFC 6962 §4.3 {@code get-sth}: the latest published tree, signed. */
    public LogApiResponse getSth() {
        return reads.getSth();
    }

    /** RFC 6962 §4.4 {@code get-sth-consistency?first=&second=}. */
    public LogApiResponse getSthConsistency(String first, String second) {
        return reads.getSthConsistency(first, second);
    }

    /** RFC 6962 §4.5 {@code get-proof-by-hash?hash=&tree_size=}; 404 when no leaf has the hash. */
    public LogApiResponse getProofByHash(String hash, String treeSize) {
        return reads.getProofByHash(hash, treeSize);
    }

    /** RFC 6962 §4.6 {@code get-entries?start=&end=} (inclusive), at most {@link CtLimits#maxGetEntries()}. */
    public LogApiResponse getEntries(String start, String end) {
        return reads.getEntries(start, end);
    }

    /** RFC 6962 §4.7 {@code get-roots}: the accepted roots, base64 DER. */
    public LogApiResponse getRoots() {
        ObjectNode out = Json.object();
        ArrayNode certificates = out.putArray("certificates");
        checker.roots().forEach(r -> certificates.add(Certificates.der(r).base64()));
        return LogApiResponse.json(200, out);
    }

    private LogApiResponse add(Bytes body, boolean precertificate) {
        try {
            if (body.length() > limits.maxRequestBytes()) {
                throw new CtError(413, "request body of " + body.length() + " bytes exceeds the limit of " + limits.maxRequestBytes());
            }
            ChainChecker.Accepted accepted;
            try {
                accepted = checker.check(body, precertificate, limits.maxRequestBytes());
            } catch (ChainRejectedException e) {
                throw CtError.badRequest(e.getMessage());
            }
            // the SCT's timestamp is chosen first and logged inside the leaf it signs (RFC 6962 §3.4)
            MerkleTreeLeaf leaf = new MerkleTreeLeaf(clock.millis(), accepted.entry(), Bytes.EMPTY);
            Bytes leafBytes = leaf.encode();
            long deadline = System.nanoTime() + limits.commitTimeout().toNanos();
            try {
                extraData.put(MerkleHash.leafHash(leafBytes), accepted.extraData()); // before the entry: see ExtraDataStore
            } catch (LogStorageException e) {
                throw CtError.storage();
            }
            CompletableFuture<?> added;
            try {
                added = appender.add(leafBytes);
            } catch (RuntimeException e) {
                added = CompletableFuture.failedFuture(e);
            }
            CtError.await(added, deadline); // Added or Duplicate: either way this exact leaf is durably logged
            return LogApiResponse.json(200, sctJson(signer.sct(leaf)));
        } catch (CtError e) {
            return e.response();
        }
    }

    /** The RFC 6962 §4.1 response: {@code sct_version}, {@code id}, {@code timestamp}, {@code extensions}, {@code signature}. */
    static ObjectNode sctJson(SignedCertificateTimestamp sct) {
        ObjectNode out = Json.object();
        out.put("sct_version", sct.version());
        out.put("id", sct.logId().base64());
        out.put("timestamp", sct.timestampMillis());
        out.put("extensions", sct.extensions().base64());
        out.put("signature", SctEncoding.digitallySigned(sct).base64());
        return out;
    }
}
