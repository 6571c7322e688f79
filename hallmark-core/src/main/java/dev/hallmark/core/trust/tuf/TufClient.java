package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.trust.tuf.TufException.Reason;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A TUF client (TUF specification v1.0.31 §5, "Detailed client workflow"): holds the trusted root, timestamp, snapshot
 * and targets, and moves from one trusted state to the next only through the checks of §5.3–§5.7. One instance may
 * refresh many times; what it trusted before is what later metadata is checked against for rollback. Pure: files
 * come from a {@link RepositoryReader}, time from an injected clock. Not thread-safe.
 */
public final class TufClient {
    public static final int MAX_ROOT_BYTES = 512 * 1024;
    public static final int MAX_TIMESTAMP_BYTES = 16 * 1024;
    public static final int MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;
    public static final int MAX_TARGETS_BYTES = 8 * 1024 * 1024;
    /** Root versions fetched in one refresh at most (python-tuf's default); a longer chain continues next time. */
    public static final int MAX_ROOT_ROTATIONS = 32;

    private final InstantSource clock;
    private Metadata<Root> root;
    private Metadata<Timestamp> timestamp;
    private Metadata<Snapshot> snapshot;
    private Metadata<Targets> targets;

    private TufClient(Metadata<Root> root, InstantSource clock) {
        this.root = root;
        this.clock = clock;
    }

    /**
     * Starts from a root obtained out of band (§5.2). It must be signed by a threshold of its own root keys; it may
     * have expired, since a refresh can rotate past it (§5.3.10 checks the final root).
     */
    public static TufClient start(byte[] trustedRoot, InstantSource clock) throws TufException {
        Objects.requireNonNull(clock, "clock");
        Metadata<Root> root = TufChecks.parse(trustedRoot, Root.class, MAX_ROOT_BYTES, "trusted root");
        TufChecks.threshold(root.signed(), RoleType.ROOT, root, "trusted root");
        return new TufClient(root, clock);
    }

    public Root root() {
        return root.signed();
    }

    public Optional<Timestamp> timestamp() {
        return Optional.ofNullable(timestamp).map(Metadata::signed);
    }

    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot).map(Metadata::signed);
    }

    public Optional<Targets> targets() {
        return Optional.ofNullable(targets).map(Metadata::signed);
    }

    /** The whole update (§5.1–§5.6) at one fixed start time: root chain, timestamp, snapshot, targets. */
    public void refresh(RepositoryReader reader) throws TufException {
        Instant now = clock.instant(); // §5.1: one fixed update start time for every expiry check
        for (int i = 0; i < MAX_ROOT_ROTATIONS; i++) {
            Optional<byte[]> next = read(reader, RoleType.ROOT.fileName(root().version() + 1, true), MAX_ROOT_BYTES);
            if (next.isEmpty()) {
                break; // §5.3.3: no newer root
            }
            updateRoot(next.get());
        }
        TufChecks.fresh(root(), now, "root"); // §5.3.10
        byte[] ts = read(reader, RoleType.TIMESTAMP.fileName(), MAX_TIMESTAMP_BYTES)
                .orElseThrow(() -> new TufException(Reason.METADATA_MISSING, "the repository has no timestamp.json"));
        updateTimestamp(ts, now);
        MetaFile snapshotRef = timestamp.signed().snapshot();
        if (snapshot == null || snapshot.signed().version() != snapshotRef.version()) {
            String name = RoleType.SNAPSHOT.fileName(snapshotRef.version(), root().consistentSnapshot());
            updateSnapshot(require(reader, name, limit(snapshotRef.length(), MAX_SNAPSHOT_BYTES)), now);
        }
        TufChecks.fresh(snapshot.signed(), now, "snapshot");
        MetaFile targetsRef = targetsRef();
        if (targets == null || targets.signed().version() != targetsRef.version()) {
            String name = RoleType.TARGETS.fileName(targetsRef.version(), root().consistentSnapshot());
            updateTargets(require(reader, name, limit(targetsRef.length(), MAX_TARGETS_BYTES)), now);
        }
        TufChecks.fresh(targets.signed(), now, "targets");
    }

    /**
     * §5.3.4–§5.3.8, §5.3.11: the next root must be signed by a threshold of the trusted root's root keys and of its
     * own, and be exactly one version newer. If it changes the timestamp or snapshot keys, the trusted timestamp and
     * snapshot are dropped, so a repository recovering from a fast-forward attack can reset their versions; trusted
     * targets no longer signed by the new targets keys are dropped too, and fetched again.
     */
    public void updateRoot(byte[] json) throws TufException {
        Metadata<Root> next = TufChecks.parse(json, Root.class, MAX_ROOT_BYTES, "root");
        String what = "root v" + next.signed().version();
        TufChecks.threshold(root(), RoleType.ROOT, next, what);
        TufChecks.threshold(next.signed(), RoleType.ROOT, next, what);
        long expected = root().version() + 1;
        if (next.signed().version() != expected) {
            throw new TufException(next.signed().version() < expected ? Reason.ROLLBACK : Reason.VERSION_MISMATCH,
                    what + " where v" + expected + " was expected");
        }
        boolean rotated = !TufChecks.sameKeys(root().role(RoleType.TIMESTAMP), next.signed().role(RoleType.TIMESTAMP))
                || !TufChecks.sameKeys(root().role(RoleType.SNAPSHOT), next.signed().role(RoleType.SNAPSHOT));
        root = next;
        if (rotated) {
            timestamp = null;
            snapshot = null;
        }
        // Metadata trusted under the old root stays trusted only if the new root's keys for its role still sign it:
        // otherwise a repository could keep serving an unchanged version signed by a key it just revoked.
        if (targets != null && !signedUnder(next.signed(), RoleType.TARGETS, targets)) {
            targets = null;
        }
    }

    private static boolean signedUnder(Root root, RoleType type, Metadata<?> metadata) {
        try {
            TufChecks.threshold(root, type, metadata, type.jsonName());
            return true;
        } catch (TufException e) {
            return false;
        }
    }

    /**
     * §5.4: signed by the timestamp role; no older than the trusted timestamp, naming no older snapshot; unexpired.
     * The same version as the trusted one is not an update: the trusted timestamp is kept.
     */
    public void updateTimestamp(byte[] json, Instant now) throws TufException {
        Metadata<Timestamp> next = TufChecks.parse(json, Timestamp.class, MAX_TIMESTAMP_BYTES, "timestamp");
        String what = "timestamp v" + next.signed().version();
        TufChecks.threshold(root(), RoleType.TIMESTAMP, next, what);
        if (timestamp != null) {
            Timestamp trusted = timestamp.signed();
            if (next.signed().version() < trusted.version()) {
                throw new TufException(Reason.ROLLBACK, what + " is older than the trusted v" + trusted.version());
            }
            if (next.signed().snapshot().version() < trusted.snapshot().version()) {
                throw new TufException(Reason.ROLLBACK, what + " names snapshot v" + next.signed().snapshot().version()
                        + ", older than the trusted v" + trusted.snapshot().version());
            }
            if (next.signed().version() == trusted.version()) {
                TufChecks.fresh(trusted, now, "timestamp");
                return;
            }
        }
        TufChecks.fresh(next.signed(), now, "timestamp");
        timestamp = next;
    }

    /**
     * §5.5: length and hashes as the timestamp names them, signed by the snapshot role, the version the timestamp
     * names, every targets file of the trusted snapshot still listed and no older, unexpired.
     */
    public void updateSnapshot(byte[] json, Instant now) throws TufException {
        if (timestamp == null) {
            throw new TufException(Reason.METADATA_MISSING, "no trusted timestamp names a snapshot");
        }
        MetaFile ref = timestamp.signed().snapshot();
        TufChecks.file(json, ref.length(), ref.hashes(), "snapshot");
        Metadata<Snapshot> next = TufChecks.parse(json, Snapshot.class, MAX_SNAPSHOT_BYTES, "snapshot");
        String what = "snapshot v" + next.signed().version();
        TufChecks.threshold(root(), RoleType.SNAPSHOT, next, what);
        if (next.signed().version() != ref.version()) {
            throw new TufException(Reason.VERSION_MISMATCH, what + " where the timestamp names v" + ref.version());
        }
        if (snapshot != null) {
            for (Map.Entry<String, MetaFile> old : snapshot.signed().meta().entrySet()) {
                MetaFile listed = next.signed().meta().get(old.getKey());
                if (listed == null || listed.version() < old.getValue().version()) {
                    throw new TufException(Reason.ROLLBACK, what + " drops or rolls back " + old.getKey());
                }
            }
        }
        TufChecks.fresh(next.signed(), now, "snapshot");
        snapshot = next;
    }

    /** §5.6: length and hashes as the snapshot names them, signed by the targets role, that version, unexpired. */
    public void updateTargets(byte[] json, Instant now) throws TufException {
        MetaFile ref = targetsRef();
        TufChecks.file(json, ref.length(), ref.hashes(), "targets");
        Metadata<Targets> next = TufChecks.parse(json, Targets.class, MAX_TARGETS_BYTES, "targets");
        String what = "targets v" + next.signed().version();
        TufChecks.threshold(root(), RoleType.TARGETS, next, what);
        if (next.signed().version() != ref.version()) {
            throw new TufException(Reason.VERSION_MISMATCH, what + " where the snapshot names v" + ref.version());
        }
        TufChecks.fresh(next.signed(), now, "targets");
        targets = next;
    }

    /** A top-level target's trusted length and hashes (§5.7.1); refresh first. */
    public TargetFile target(String name) throws TufException {
        if (targets == null) {
            throw new TufException(Reason.METADATA_MISSING, "no trusted targets metadata: refresh first");
        }
        TargetFile file = targets.signed().targets().get(name);
        if (file == null) {
            throw new TufException(Reason.TARGET_NOT_FOUND, "no target " + name);
        }
        return file;
    }

    /** Reads a target file and checks its exact length and every hash (§5.7.2–§5.7.3). */
    public Bytes fetchTarget(String name, RepositoryReader reader) throws TufException {
        TargetFile file = target(name);
        byte[] data = require(reader, "targets/" + targetPath(name, file, root().consistentSnapshot()), file.length());
        TufChecks.file(data, OptionalLong.of(file.length()), file.hashes(), "target " + name);
        return Bytes.of(data);
    }

    /**
     * Where a target lives under {@code targets/}: with consistent snapshots the basename is prefixed with its hash
     * ({@code dir/<sha256>.name}, TUF §5.7.2). sha256 is preferred when several hashes are listed; the repository must
     * publish the file under that one.
     */
    public static String targetPath(String name, TargetFile file, boolean consistentSnapshot) {
        if (!consistentSnapshot) {
            return name;
        }
        Bytes hash = Optional.ofNullable(file.hashes().get("sha256")).or(() -> Optional.ofNullable(file.hashes().get("sha512")))
                .orElseGet(() -> file.hashes().values().iterator().next());
        int slash = name.lastIndexOf('/');
        return name.substring(0, slash + 1) + hash.hex() + "." + name.substring(slash + 1);
    }

    private MetaFile targetsRef() throws TufException {
        MetaFile ref = snapshot.signed().meta().get(RoleType.TARGETS.fileName());
        if (ref == null) {
            throw new TufException(Reason.METADATA_MISSING, "snapshot v" + snapshot.signed().version() + " lists no targets.json");
        }
        return ref;
    }

    private static long limit(OptionalLong length, long max) {
        return length.isPresent() ? Math.min(length.getAsLong(), max) : max;
    }

    private static byte[] require(RepositoryReader reader, String path, long maxBytes) throws TufException {
        return read(reader, path, maxBytes).orElseThrow(() -> new TufException(Reason.METADATA_MISSING, "the repository has no " + path));
    }

    private static Optional<byte[]> read(RepositoryReader reader, String path, long maxBytes) throws TufException {
        Optional<byte[]> data = reader.read(path, maxBytes);
        if (data.isPresent() && data.get().length > maxBytes) {
            throw new TufException(Reason.LENGTH_MISMATCH, path + " exceeds " + maxBytes + " bytes");
        }
        return data;
    }
}
