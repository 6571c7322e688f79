package dev.hallmark.bench.ca;

import dev.hallmark.ca.fulcio.CtSubmissionException;
import dev.hallmark.ca.fulcio.PrecertificateLog;
import dev.hallmark.ca.oidc.TokenException;
import dev.hallmark.ca.oidc.TokenVerifier;
import dev.hallmark.ca.oidc.VerifiedToken;
import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.x509.SignedCertificateTimestamp;
import dev.hallmark.log.AddOutcome;
import dev.hallmark.log.LogAppender;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.storage.ExtraDataStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent per phase of an issuance, summed over every request of the measured window, from thin wrappers around
 * the seams the CA and the CT log already have (token verifier, precertificate log, the CT log's appender and
 * extra_data store). What has no seam (request parsing, proof of possession, precertificate and final signing, the
 * self-check) is the remainder, split further by {@link CpuCosts}.
 */
final class Phases {
    enum Phase {
        /** FulcioApi.signingCert, end to end. */
        TOTAL,
        /** FederatedTokenVerifier.verify: JWT parse, ES256 check, claims. */
        TOKEN_VERIFY,
        /** PrecertificateLog.submit: add-pre-chain JSON, chain check, the two writes below, SCT signing, SCT parse. */
        CT_SUBMIT,
        /** ExtraDataStore.put: the chain kept beside the entry, one auto-committed (fsync'd) INSERT per certificate. */
        CT_EXTRA_DATA,
        /** LogAppender.add until its future completes: queueing, batching and the sequencer's durable commit. */
        CT_APPEND_DURABLE
    }

    private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
    private final Map<Phase, LongAdder> counts = new EnumMap<>(Phase.class);

    Phases() {
        for (Phase p : Phase.values()) {
            nanos.put(p, new LongAdder());
            counts.put(p, new LongAdder());
        }
    }

    void record(Phase phase, long elapsedNanos) {
        nanos.get(phase).add(elapsedNanos);
        counts.get(phase).increment();
    }

    void reset() {
        nanos.values().forEach(LongAdder::reset);
        counts.values().forEach(LongAdder::reset);
    }

    /** Mean milliseconds per certificate of each phase, plus the remainder the wrappers cannot see. */
    Map<String, Object> meansPerCertificate() {
        long certs = Math.max(1, counts.get(Phase.TOTAL).sum());
        Map<String, Object> r = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            r.put(p.name().toLowerCase(java.util.Locale.ROOT), ClosedLoop.round(nanos.get(p).sum() / 1e6 / certs, 3));
        }
        long ctOther = nanos.get(Phase.CT_SUBMIT).sum() - nanos.get(Phase.CT_EXTRA_DATA).sum()
                - nanos.get(Phase.CT_APPEND_DURABLE).sum();
        long caRest = nanos.get(Phase.TOTAL).sum() - nanos.get(Phase.TOKEN_VERIFY).sum() - nanos.get(Phase.CT_SUBMIT).sum();
        r.put("ct_other", ClosedLoop.round(ctOther / 1e6 / certs, 3));
        r.put("ca_rest", ClosedLoop.round(caRest / 1e6 / certs, 3));
        return r;
    }

    TokenVerifier verifier(TokenVerifier inner) {
        return jwt -> {
            long t0 = System.nanoTime();
            try {
                return inner.verify(jwt);
            } finally {
                record(Phase.TOKEN_VERIFY, System.nanoTime() - t0);
            }
        };
    }

    PrecertificateLog precertificateLog(PrecertificateLog inner) {
        return new PrecertificateLog() {
            @Override
            public SignedCertificateTimestamp submit(List<X509Certificate> chain) throws CtSubmissionException {
                long t0 = System.nanoTime();
                try {
                    return inner.submit(chain);
                } finally {
                    record(Phase.CT_SUBMIT, System.nanoTime() - t0);
                }
            }

            @Override
            public PublicKey publicKey() {
                return inner.publicKey();
            }
        };
    }

    LogAppender appender(LogAppender inner) {
        return entry -> {
            long t0 = System.nanoTime();
            CompletableFuture<AddOutcome> added = inner.add(entry);
            return added.whenComplete((outcome, e) -> record(Phase.CT_APPEND_DURABLE, System.nanoTime() - t0));
        };
    }

    ExtraDataStore extraData(ExtraDataStore inner) {
        return new ExtraDataStore() {
            @Override
            public void put(Bytes leafHash, Bytes data) throws LogStorageException {
                long t0 = System.nanoTime();
                try {
                    inner.put(leafHash, data);
                } finally {
                    record(Phase.CT_EXTRA_DATA, System.nanoTime() - t0);
                }
            }

            @Override
            public Map<Bytes, Bytes> get(List<Bytes> leafHashes) throws LogStorageException {
                return inner.get(leafHashes);
            }
        };
    }
}
