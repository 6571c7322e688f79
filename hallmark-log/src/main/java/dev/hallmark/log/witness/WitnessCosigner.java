package dev.hallmark.log.witness;

import dev.hallmark.core.crypto.BadSignatureException;
import dev.hallmark.core.merkle.ConsistencyProof;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.CosignatureVerifier;
import dev.hallmark.core.note.NoteSignature;
import dev.hallmark.core.note.SignedNote;
import dev.hallmark.log.LogStorageException;
import dev.hallmark.log.witness.WitnessPolicy.Witness;
import dev.hallmark.log.witness.WitnessResponse.Failed;
import dev.hallmark.log.witness.WitnessResponse.Reason;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Asks every witness of a {@link WitnessPolicy} to cosign, in parallel, and publishes once the quorum is met (or
 * always, if the policy fails open). Per C2SP tlog-witness (sigstore.md §4.4) each request proves consistency from
 * the witness's latest cosigned size; those sizes are remembered in memory only, starting at 0 as the spec allows
 * for a client without that information: a witness that is ahead answers 409 with its size, and the request is
 * retried once from there. Every returned line is verified against the witness's vkey with core's {@link
 * CosignatureVerifier}; lines of unknown keys are ignored and bad ones dropped, so the quorum counts only valid
 * cosignatures.
 */
public final class WitnessCosigner implements Cosigner {
    private static final System.Logger LOG = System.getLogger(WitnessCosigner.class.getName());

    private final WitnessPolicy policy;
    private final Map<String, WitnessClient> clients = new LinkedHashMap<>();
    private final Duration timeout;
    private final Map<String, Long> sizes = new ConcurrentHashMap<>();
    private final ReentrantLock proving = new ReentrantLock();

    private WitnessCosigner(WitnessPolicy policy, Function<Witness, WitnessClient> clientFor, Duration timeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        for (Witness w : policy.witnesses()) {
            clients.put(w.name(), Objects.requireNonNull(clientFor.apply(w), "client"));
        }
    }

    /** Witnesses reached through {@code clientFor}; each exchange is bounded by {@code timeout}. */
    public static WitnessCosigner create(WitnessPolicy policy, Function<Witness, WitnessClient> clientFor,
            Duration timeout) {
        return new WitnessCosigner(policy, clientFor, timeout);
    }

    /** Witnesses over HTTP at their configured URLs, sharing one client; each exchange is bounded by {@code timeout}. */
    public static WitnessCosigner overHttp(WitnessPolicy policy, Duration timeout) {
        HttpClient http = HttpWitnessClient.defaultHttpClient(timeout);
        return new WitnessCosigner(policy, w -> new HttpWitnessClient(w, http, timeout), timeout);
    }

    public WitnessPolicy policy() {
        return policy;
    }

    /** The latest size this log believes {@code witness} (a policy name) has cosigned, if it has learned one. */
    public OptionalLong knownSize(String witness) {
        Long s = sizes.get(witness);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    @Override
    public Outcome cosign(Checkpoint checkpoint, SignedNote note, ConsistencyProver prover) {
        Map<String, Future<NoteSignature>> asked = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Witness w : policy.witnesses()) {
                asked.put(w.name(), pool.submit(() -> ask(w, checkpoint, note, prover)));
            }
        } // waits: every exchange is bounded by the timeout, at most two per witness
        SignedNote cosigned = note;
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Future<NoteSignature>> e : asked.entrySet()) {
            NoteSignature line = result(e.getValue());
            if (line != null) {
                cosigned = cosigned.withSignature(line);
                names.add(e.getKey());
            }
        }
        if (policy.quorum().isMetBy(Set.copyOf(names))) {
            return new Outcome.Publish(cosigned, names);
        }
        if (policy.failOpen()) {
            LOG.log(System.Logger.Level.WARNING, "publishing checkpoint " + checkpoint.size()
                    + " without its witness quorum (fail open); cosigned by " + names);
            return new Outcome.Publish(cosigned, names);
        }
        return new Outcome.Withhold(names, "witness quorum not met; cosigned by " + names);
    }

    /** One witness: request from its known size, retry once on 409, verify; the valid line or null. */
    private NoteSignature ask(Witness w, Checkpoint checkpoint, SignedNote note, ConsistencyProver prover)
            throws InterruptedException {
        long size = checkpoint.size();
        long old = sizes.getOrDefault(w.name(), 0L);
        WitnessResponse answer = old > size ? ahead(w, old) : exchange(w, old, note, prover);
        if (answer instanceof WitnessResponse.Conflict c) {
            sizes.put(w.name(), c.witnessSize());
            answer = c.witnessSize() > size ? ahead(w, c.witnessSize()) : exchange(w, c.witnessSize(), note, prover);
        }
        return switch (answer) {
            case WitnessResponse.Cosigned ok -> {
                sizes.put(w.name(), size); // a 200 means the witness persisted this size (tlog-witness)
                yield verified(w, note, ok.lines());
            }
            case WitnessResponse.Conflict c -> {
                sizes.put(w.name(), c.witnessSize());
                yield failed(w, new Failed(Reason.CONFLICT, "409 twice, witness at " + c.witnessSize()));
            }
            case Failed f -> failed(w, f);
        };
    }

    private WitnessResponse exchange(Witness w, long old, SignedNote note, ConsistencyProver prover)
            throws InterruptedException {
        ConsistencyProof proof;
        proving.lock();
        try {
            proof = prover.from(old);
        } catch (LogStorageException | RuntimeException e) {
            return new Failed(Reason.BAD_REQUEST, "no consistency proof from " + old + ": " + e.getMessage());
        } finally {
            proving.unlock();
        }
        try {
            return clients.get(w.name()).addCheckpoint(WitnessRequest.of(proof, note))
                    .get(timeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Failed(Reason.UNREACHABLE, e.getClass().getSimpleName());
        }
    }

    /** The witness has cosigned a larger tree than this log's: forget its size so the next round asks again. */
    private WitnessResponse ahead(Witness w, long witnessSize) {
        sizes.remove(w.name());
        return new Failed(Reason.CONFLICT, "witness is ahead of this log at size " + witnessSize);
    }

    private static NoteSignature verified(Witness w, SignedNote note, List<NoteSignature> lines) {
        CosignatureVerifier v = w.verifier();
        byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
        for (NoteSignature line : lines) {
            if (!line.name().equals(v.name()) || line.keyId() != v.keyId()) {
                continue; // tlog-witness: ignore cosignatures from unknown keys
            }
            try {
                v.verifyTimestamp(text, line.signature().toArray());
                return line;
            } catch (BadSignatureException e) {
                LOG.log(System.Logger.Level.WARNING, "witness " + w.name() + " returned a cosignature that does"
                        + " not verify; dropped");
            }
        }
        LOG.log(System.Logger.Level.WARNING, "witness " + w.name() + " returned no valid cosignature");
        return null;
    }

    private static NoteSignature failed(Witness w, Failed f) {
        LOG.log(System.Logger.Level.WARNING, "witness " + w.name() + " did not cosign: " + f.reason() + " ("
                + f.detail() + ")");
        return null;
    }

    private static NoteSignature result(Future<NoteSignature> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.ERROR, "asking a witness failed", e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
