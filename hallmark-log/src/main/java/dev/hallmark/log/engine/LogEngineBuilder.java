package dev.hallmark.log.engine;

import dev.hallmark.core.merkle.MerkleHash;
import dev.hallmark.core.note.Checkpoint;
import dev.hallmark.core.note.NoteSigner;
import dev.hallmark.log.storage.LogStorage;
import dev.hallmark.log.witness.Cosigner;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Options of a {@link LogEngine}. Defaults follow Tessera (sigstore.md §4.5): batches of at most 256 entries or
 * 250 ms; a queue of 4,096 requests; overloaded callers are told to retry after 1 s. A zero batch age means group
 * commit: the sequencer commits whatever is queued as soon as the previous batch is durable.
 */
public final class LogEngineBuilder {
    final LogStorage storage;
    final NoteSigner signer;
    final String origin;
    final InstantSource clock;
    int maxBatchEntries = 256;
    Duration maxBatchAge = Duration.ofMillis(250);
    int queueCapacity = 4096;
    Duration retryAfter = Duration.ofSeconds(1);
    Duration pollInterval = Duration.ofMillis(100);
    int maxIntegrationStep = 4096;
    int cachedTiles = 8192;
    int cachedTileInteriors = 4096;
    Cosigner cosigner = Cosigner.NONE;

    LogEngineBuilder(LogStorage storage, NoteSigner signer, String origin, InstantSource clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public LogEngineBuilder maxBatchEntries(int n) {
        this.maxBatchEntries = n;
        return this;
    }

    public LogEngineBuilder maxBatchAge(Duration age) {
        this.maxBatchAge = Objects.requireNonNull(age, "age");
        return this;
    }

    /** Requests waiting to be sequenced; beyond it {@code add} fails fast with {@code LogOverloadedException}. */
    public LogEngineBuilder queueCapacity(int n) {
        this.queueCapacity = n;
        return this;
    }

    public LogEngineBuilder retryAfter(Duration d) {
        this.retryAfter = Objects.requireNonNull(d, "retryAfter");
        return this;
    }

    /** How often the integrator looks for work sequenced elsewhere and for checkpoints other nodes published. */
    public LogEngineBuilder pollInterval(Duration d) {
        this.pollInterval = Objects.requireNonNull(d, "pollInterval");
        return this;
    }

    /** The most entries integrated into one checkpoint (bounds the integrator's memory). */
    public LogEngineBuilder maxIntegrationStep(int n) {
        this.maxIntegrationStep = n;
        return this;
    }

    /** Hash tiles kept in memory for proofs (8 KiB each at most). */
    public LogEngineBuilder cachedTiles(int n) {
        this.cachedTiles = n;
        return this;
    }

    /**
     * Tiles whose interior nodes (254 hashes, 8 KiB) are kept for proofs, so that a proof looks nodes up instead of
     * hashing up to 254 of them per tile level; a log of n entries has about n/256 tiles.
     */
    public LogEngineBuilder cachedTileInteriors(int n) {
        this.cachedTileInteriors = n;
        return this;
    }

    /**
     * The step between signing and publishing each checkpoint (witness cosigning, e.g. {@code WitnessCosigner}):
     * it adds cosignatures, or withholds a checkpoint until a later round meets its policy. Default: none, every
     * signed checkpoint is published as is.
     */
    public LogEngineBuilder cosigner(Cosigner c) {
        this.cosigner = Objects.requireNonNull(c, "cosigner");
        return this;
    }

    /** Checks the options together and builds the engine; call {@link LogEngine#start()} next. */
    public LogEngine build() {
        if (maxBatchEntries < 1 || queueCapacity < 1 || maxIntegrationStep < 1 || cachedTiles < 16
                || cachedTileInteriors < 16) {
            throw new IllegalArgumentException("batch size, queue capacity and integration step must be positive,"
                    + " and at least 16 tiles (and tile interiors) cached");
        }
        if (maxBatchAge.isNegative() || pollInterval.isNegative() || pollInterval.isZero() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative; poll interval must be positive");
        }
        new Checkpoint(origin, 0, MerkleHash.emptyRoot()); // validates the origin as a checkpoint line
        if (origin.contains(" ") || origin.contains("+")) {
            throw new IllegalArgumentException("checkpoint origin must not contain spaces or '+' (C2SP tlog-checkpoint)");
        }
        return new LogEngine(this);
    }
}
