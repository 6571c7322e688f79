package dev.hallmark.server.tuf;

import dev.hallmark.core.crypto.Bytes;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.trust.tuf.MetaFile;
import dev.hallmark.core.trust.tuf.Metadata;
import dev.hallmark.core.trust.tuf.MetadataSigner;
import dev.hallmark.core.trust.tuf.MetadataSigner.RoleSigner;
import dev.hallmark.core.trust.tuf.Role;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.core.trust.tuf.Root;
import dev.hallmark.core.trust.tuf.Snapshot;
import dev.hallmark.core.trust.tuf.TargetFile;
import dev.hallmark.core.trust.tuf.Targets;
import dev.hallmark.core.trust.tuf.Timestamp;
import dev.hallmark.core.trust.tuf.TufClient;
import dev.hallmark.core.trust.tuf.TufCodec;
import dev.hallmark.core.trust.tuf.TufException;
import dev.hallmark.server.config.TufConfig;
import dev.hallmark.server.keys.KeyManager;
import dev.hallmark.server.keys.KeyName;
import dev.hallmark.server.tuf.RepositoryException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Hallmark's TUF repository (sigstore.md §7.3): publishes the targets its sources offer, and re-signs each role when
 * its content changed, when less than half its validity is left, or when the root no longer lists the key that signed
 * it (after {@link #rotate}). Every publish reads the state from disk, so the server's task and the CLI can take
 * turns. New files appear bottom-up (targets, targets metadata, snapshot) and become visible to clients only when
 * {@code timestamp.json} is replaced last, after a TUF client has verified the whole new state.
 */
public final class TufRepository {
    private static final long MAX_TARGET_BYTES = 4L * 1024 * 1024;
    private final TufLayout layout;
    private final RootKeyring keyring;
    private final TufConfig policy;
    private final List<TargetSource> sources;

    /** What one publish left: the current version of each role, and which roles it signed anew. */
    public record Published(long root, long targets, long snapshot, long timestamp, Set<RoleType> signed) {
        public Published {
            signed = Set.copyOf(signed);
        }
    }

    /** What a rotation did; the retired keys stay in key management until the operator deletes them. */
    public record Rotation(RoleType role, long fromRoot, long toRoot, String keyId, KeyName key, List<KeyName> retiredKeys,
                           Published published) {
        public Rotation {
            retiredKeys = List.copyOf(retiredKeys);
        }
    }

    public TufRepository(Path dir, KeyManager keys, TufConfig policy, List<TargetSource> sources) {
        this.layout = new TufLayout(dir);
        this.keyring = new RootKeyring(keys);
        this.policy = policy;
        this.sources = List.copyOf(sources);
    }

    /**
     * A repository for {@code hallmark trust rotate}: it re-publishes the current targets as they are, so a rotation
     * while the server runs (or is stopped) changes keys and signatures only.
     */
    public static TufRepository forRotation(Path dir, KeyManager keys, TufConfig policy) {
        return new TufRepository(dir, keys, policy, List.of(new PublishedTargets(new TufLayout(dir))));
    }

    public TufLayout layout() {
        return layout;
    }

    /** Creates the repository if there is none, then brings every role up to date at {@code now}. */
    public Published publish(Instant now) throws RepositoryException {
        try (RepositoryLock lock = RepositoryLock.acquire(layout.dir())) {
            return publishLocked(now, EnumSet.noneOf(RoleType.class));
        }
    }

    /**
     * Publishes root N+1 with a fresh key for {@code role}, signed by the current root keys and, for a root rotation,
     * also by the new one (TUF §5.3.4: clients need a threshold of both), then re-signs what the new key now signs.
     */
    public Rotation rotate(RoleType role, Instant now) throws RepositoryException {
        try (RepositoryLock lock = RepositoryLock.acquire(layout.dir())) {
            Root old = layout.latestRoot().orElseThrow(() -> new RepositoryException(Reason.NO_REPOSITORY,
                    "no TUF repository in " + layout.dir() + "; start the server once to create it")).signed();
            Root next = keyring.rotated(old, role, expiry(now, policy.rootExpiry()));
            writeRoot(old, next);
            Published published = publishLocked(now, EnumSet.of(RoleType.ROOT));
            String keyId = next.role(role).keyIds().get(0);
            return new Rotation(role, old.version(), next.version(), keyId,
                    KeyName.of(RootKeyring.keyName(role, next.version())), RootKeyring.retired(old, next), published);
        }
    }

    private Published publishLocked(Instant now, Set<RoleType> signed) throws RepositoryException {
        Optional<Metadata<Root>> latest = layout.latestRoot();
        Root root;
        if (latest.isEmpty()) {
            root = keyring.initialRoot(expiry(now, policy.rootExpiry()));
            writeRoot(root, root);
            signed.add(RoleType.ROOT);
        } else if (due(latest.get().signed(), policy.rootExpiry(), now)) {
            root = RootKeyring.renewed(latest.get().signed(), expiry(now, policy.rootExpiry()));
            writeRoot(latest.get().signed(), root);
            signed.add(RoleType.ROOT);
        } else {
            root = latest.get().signed();
        }
        Optional<Metadata<Timestamp>> timestamp = layout.read(RoleType.TIMESTAMP.fileName(), Timestamp.class);
        Optional<Metadata<Snapshot>> snapshot = timestamp.isEmpty() ? Optional.empty()
                : layout.read(timestamp.get().signed().snapshot().version() + ".snapshot.json", Snapshot.class);
        MetaFile targetsRef = snapshot.map(s -> s.signed().meta().get(RoleType.TARGETS.fileName())).orElse(null);
        Optional<Metadata<Targets>> targets = targetsRef == null ? Optional.empty()
                : layout.read(targetsRef.version() + ".targets.json", Targets.class);

        Map<String, Bytes> contents = targetContents();
        Map<String, TargetFile> wanted = new LinkedHashMap<>();
        contents.forEach((name, content) -> wanted.put(name,
                new TargetFile(content.length(), Map.of("sha256", Digest.sha256(content.toArray()).value()))));
        long targetsVersion;
        if (targets.isEmpty() || !targets.get().signed().targets().equals(wanted)
                || stale(root, RoleType.TARGETS, targets.get(), policy.targetsExpiry(), now)) {
            for (Map.Entry<String, TargetFile> target : wanted.entrySet()) {
                layout.writeOnce("targets/" + TufClient.targetPath(target.getKey(), target.getValue(), true),
                        contents.get(target.getKey()).toArray());
            }
            targetsVersion = layout.maxVersion(RoleType.TARGETS) + 1;
            write(root, new Targets(Role.SPEC_VERSION, targetsVersion, expiry(now, policy.targetsExpiry()), wanted));
            signed.add(RoleType.TARGETS);
        } else {
            targetsVersion = targets.get().signed().version();
        }

        long snapshotVersion;
        byte[] snapshotBytes;
        if (signed.contains(RoleType.TARGETS) || snapshot.isEmpty()
                || stale(root, RoleType.SNAPSHOT, snapshot.get(), policy.snapshotExpiry(), now)) {
            snapshotVersion = layout.maxVersion(RoleType.SNAPSHOT) + 1;
            snapshotBytes = write(root, new Snapshot(Role.SPEC_VERSION, snapshotVersion, expiry(now, policy.snapshotExpiry()),
                    Map.of(RoleType.TARGETS.fileName(), MetaFile.ofVersion(targetsVersion))));
            signed.add(RoleType.SNAPSHOT);
        } else {
            snapshotVersion = snapshot.get().signed().version();
            snapshotBytes = layout.bytes(snapshotVersion + ".snapshot.json").orElseThrow();
        }

        long timestampVersion = timestamp.map(t -> t.signed().version()).orElse(0L);
        if (signed.contains(RoleType.SNAPSHOT) || timestamp.isEmpty()
                || stale(root, RoleType.TIMESTAMP, timestamp.get(), policy.timestampExpiry(), now)) {
            timestampVersion++;
            MetaFile snapshotRef = new MetaFile(snapshotVersion, OptionalLong.of(snapshotBytes.length),
                    Map.of("sha256", Digest.sha256(snapshotBytes).value()));
            byte[] json = TufCodec.write(MetadataSigner.sign(new Timestamp(Role.SPEC_VERSION, timestampVersion,
                    expiry(now, policy.timestampExpiry()), snapshotRef), keyring.signers(root, RoleType.TIMESTAMP)));
            selfCheck(json, contents, now);
            layout.replace(RoleType.TIMESTAMP.fileName(), json);
            signed.add(RoleType.TIMESTAMP);
        }
        return new Published(root.version(), targetsVersion, snapshotVersion, timestampVersion, signed);
    }

    /** Writes {@code N.root.json} and {@code root.json} once the new root verifies as a client would check it. */
    private void writeRoot(Root previous, Root next) throws RepositoryException {
        List<RoleSigner> signers = new ArrayList<>(keyring.signers(next, RoleType.ROOT));
        if (previous != next) {
            for (RoleSigner s : keyring.signers(previous, RoleType.ROOT)) {
                if (signers.stream().noneMatch(t -> t.key().keyId().equals(s.key().keyId()))) {
                    signers.add(s);
                }
            }
        }
        Metadata<Root> metadata = MetadataSigner.sign(next, signers);
        try {
            previous.checkSignatures(RoleType.ROOT, metadata);
            next.checkSignatures(RoleType.ROOT, metadata);
        } catch (TufException e) {
            throw new RepositoryException(Reason.SELF_CHECK_FAILED, e.getMessage());
        }
        byte[] json = TufCodec.write(metadata);
        layout.writeOnce(next.version() + "." + TufLayout.ROOT, json);
        layout.replace(TufLayout.ROOT, json);
    }

    /** Signs and writes {@code N.<role>.json}; returns the bytes written. */
    private byte[] write(Root root, Role role) throws RepositoryException {
        byte[] json = TufCodec.write(MetadataSigner.sign(role, keyring.signers(root, role.type())));
        layout.writeOnce(role.version() + "." + role.type().fileName(), json);
        return json;
    }

    /**
     * Before a new timestamp makes the new state visible: a TUF client starting from root v1 walks the root chain,
     * takes this timestamp and everything it names, and fetches every target with the expected content.
     */
    private void selfCheck(byte[] timestamp, Map<String, Bytes> contents, Instant now) throws RepositoryException {
        try {
            TufClient client = TufClient.start(layout.bytes("1." + TufLayout.ROOT).orElseThrow(), () -> now);
            var reader = new LayoutReader(layout, Map.of(RoleType.TIMESTAMP.fileName(), timestamp));
            client.refresh(reader);
            for (Map.Entry<String, Bytes> target : contents.entrySet()) {
                if (!client.fetchTarget(target.getKey(), reader).equals(target.getValue())) {
                    throw new TufException(TufException.Reason.HASH_MISMATCH, target.getKey() + " differs from its source");
                }
            }
        } catch (TufException e) {
            throw new RepositoryException(Reason.SELF_CHECK_FAILED, e.getMessage());
        }
    }

    private Map<String, Bytes> targetContents() throws RepositoryException {
        Map<String, Bytes> contents = new HashMap<>();
        for (TargetSource source : sources) {
            try {
                for (Map.Entry<String, Bytes> target : source.targets().entrySet()) {
                    String name = target.getKey();
                    if (!TufLayout.validTargetPath("targets/" + name) || target.getValue().length() > MAX_TARGET_BYTES) {
                        throw new RepositoryException(Reason.TARGET_INVALID, "target " + name + " has an unusable name or size");
                    }
                    if (contents.put(name, target.getValue()) != null) {
                        throw new RepositoryException(Reason.TARGET_INVALID, "two sources publish " + name);
                    }
                }
            } catch (IOException e) {
                throw new RepositoryException(Reason.IO, "cannot read targets: " + e.getMessage());
            }
        }
        return contents;
    }

    /** Re-sign when less than half the validity period is left, or when the root's keys for the role did not sign it. */
    private static boolean stale(Root root, RoleType type, Metadata<?> metadata, Duration period, Instant now) {
        if (due(metadata.signed(), period, now)) {
            return true;
        }
        try {
            root.checkSignatures(type, metadata);
            return false;
        } catch (TufException e) {
            return true;
        }
    }

    private static boolean due(Role role, Duration period, Instant now) {
        return role.expires().isBefore(now.plus(period.dividedBy(2)));
    }

    private static Instant expiry(Instant now, Duration period) {
        return now.plus(period).truncatedTo(ChronoUnit.SECONDS);
    }
}
