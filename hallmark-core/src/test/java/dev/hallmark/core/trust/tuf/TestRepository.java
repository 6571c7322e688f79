package dev.hallmark.core.trust.tuf;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Digest;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.tuf.MetadataSigner.RoleSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** An in-memory TUF repository that tests publish into and a {@link TufClient} reads from. */
final class TestRepository {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant LATER = NOW.plus(Duration.ofDays(30));

    final Map<String, byte[]> files = new HashMap<>();
    final Map<RoleType, List<Signer>> keys = new EnumMap<>(RoleType.class);
    final Map<RoleType, Integer> thresholds = new EnumMap<>(RoleType.class);
    final Map<String, byte[]> targetContents = new LinkedHashMap<>();
    long rootVersion;
    long targetsVersion;
    long snapshotVersion;
    long timestampVersion;
    boolean consistent = true;

    TestRepository() {
        for (RoleType type : RoleType.values()) {
            keys.put(type, List.of(Signer.generate(SignatureAlgorithm.ECDSA_P256_SHA256)));
            thresholds.put(type, 1);
        }
    }

    static RoleSigner signer(Signer signer) {
        try {
            return RoleSigner.of(signer);
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<RoleSigner> signers(List<Signer> signers) {
        return signers.stream().map(TestRepository::signer).toList();
    }

    Root rootRecord(long version, Instant expires) {
        Map<String, TufKey> all = new HashMap<>();
        Map<RoleType, RoleKeys> roles = new EnumMap<>(RoleType.class);
        keys.forEach((type, list) -> {
            List<String> ids = new ArrayList<>();
            for (Signer s : list) {
                TufKey key = signer(s).key();
                all.put(key.keyId(), key);
                ids.add(key.keyId());
            }
            roles.put(type, new RoleKeys(ids, thresholds.get(type)));
        });
        return new Root(Role.SPEC_VERSION, version, expires, consistent, all, roles);
    }

    /** Publishes the next root, signed by the given keys (old and new ones for a rotation). */
    byte[] publishRoot(Instant expires, List<Signer> signWith) {
        rootVersion++;
        byte[] json = TufCodec.write(MetadataSigner.sign(rootRecord(rootVersion, expires), signers(signWith)));
        files.put(rootVersion + ".root.json", json);
        return json;
    }

    byte[] publishRoot() {
        return publishRoot(LATER, keys.get(RoleType.ROOT));
    }

    void target(String name, String content) {
        targetContents.put(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes new targets, snapshot and timestamp versions, each expiring at {@code expires}. */
    void publish(Instant expires) {
        Map<String, TargetFile> targets = new HashMap<>();
        targetContents.forEach((name, content) -> {
            TargetFile file = new TargetFile(content.length, Map.of("sha256", Digest.sha256(content).value()));
            targets.put(name, file);
            files.put("targets/" + TufClient.targetPath(name, file, consistent), content);
        });
        byte[] t = sign(new Targets(Role.SPEC_VERSION, ++targetsVersion, expires, targets), RoleType.TARGETS);
        files.put(RoleType.TARGETS.fileName(targetsVersion, consistent), t);
        publishSnapshot(expires, MetaFile.ofVersion(targetsVersion));
    }

    void publishSnapshot(Instant expires, MetaFile targets) {
        byte[] s = sign(new Snapshot(Role.SPEC_VERSION, ++snapshotVersion, expires, Map.of("targets.json", targets)),
                RoleType.SNAPSHOT);
        files.put(RoleType.SNAPSHOT.fileName(snapshotVersion, consistent), s);
        publishTimestamp(expires, new MetaFile(snapshotVersion, OptionalLong.of(s.length),
                Map.of("sha256", Digest.sha256(s).value())));
    }

    void publishTimestamp(Instant expires, MetaFile snapshot) {
        files.put("timestamp.json", sign(new Timestamp(Role.SPEC_VERSION, ++timestampVersion, expires, snapshot),
                RoleType.TIMESTAMP));
    }

    void publish() {
        publish(LATER);
    }

    byte[] sign(Role role, RoleType type) {
        return TufCodec.write(MetadataSigner.sign(role, signers(keys.get(type))));
    }

    RepositoryReader reader() {
        return (path, max) -> Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    TufClient client() throws TufException {
        return TufClient.start(files.get("1.root.json"), () -> NOW);
    }
}
