package dev.hallmark.server.tuf;

import dev.hallmark.core.FormatException;
import dev.hallmark.core.crypto.Keys;
import dev.hallmark.core.crypto.SignatureAlgorithm;
import dev.hallmark.core.crypto.Signer;
import dev.hallmark.core.trust.tuf.MetadataSigner.RoleSigner;
import dev.hallmark.core.trust.tuf.Role;
import dev.hallmark.core.trust.tuf.RoleKeys;
import dev.hallmark.core.trust.tuf.RoleType;
import dev.hallmark.core.trust.tuf.Root;
import dev.hallmark.core.trust.tuf.TufKey;
import dev.hallmark.server.keys.KeyException;
import dev.hallmark.server.keys.KeyManager;
import dev.hallmark.server.keys.KeyName;
import dev.hallmark.server.tuf.RepositoryException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository's signing keys, found through the root itself: each key object names its managed key in
 * {@link TufKey#KEY_NAME_EXTENSION} ({@code tuf-<role>-<root version that introduced it>}), so the published root
 * is the one record of which key signs what, and a rotation needs no other state. Keys are ECDSA P-256, as in
 * sigstore's repository; one key per role, threshold 1.
 */
final class RootKeyring {
    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_P256_SHA256;
    private final KeyManager keys;

    RootKeyring(KeyManager keys) {
        this.keys = keys;
    }

    /** Root v1: a fresh key for each role, consistent snapshots on (sigstore.md §7.3). */
    Root initialRoot(Instant expires) throws RepositoryException {
        Map<String, TufKey> all = new HashMap<>();
        Map<RoleType, RoleKeys> roles = new EnumMap<>(RoleType.class);
        for (RoleType type : RoleType.values()) {
            TufKey key = key(KeyName.of(keyName(type, 1)));
            all.put(key.keyId(), key);
            roles.put(type, new RoleKeys(List.of(key.keyId()), 1));
        }
        return new Root(Role.SPEC_VERSION, 1, expires, true, all, roles);
    }

    /** The next root with the same keys: extends the root's validity. */
    static Root renewed(Root root, Instant expires) {
        return new Root(Role.SPEC_VERSION, root.version() + 1, expires, root.consistentSnapshot(), root.keys(), root.roles());
    }

    /** The next root with a fresh key for {@code role}, replacing that role's keys. */
    Root rotated(Root root, RoleType role, Instant expires) throws RepositoryException {
        long version = root.version() + 1;
        TufKey fresh = key(KeyName.of(keyName(role, version)));
        Map<RoleType, RoleKeys> roles = new EnumMap<>(root.roles());
        roles.put(role, new RoleKeys(List.of(fresh.keyId()), 1));
        Map<String, TufKey> used = new LinkedHashMap<>();
        for (RoleKeys keysOfRole : roles.values()) {
            for (String id : keysOfRole.keyIds()) {
                used.put(id, id.equals(fresh.keyId()) ? fresh : root.keys().get(id));
            }
        }
        return new Root(Role.SPEC_VERSION, version, expires, root.consistentSnapshot(), used, roles);
    }

    /** The managed keys {@code old} uses and {@code next} no longer does: kept as files until the operator deletes them. */
    static List<KeyName> retired(Root old, Root next) {
        List<KeyName> names = new ArrayList<>();
        old.keys().forEach((id, key) -> {
            if (!next.keys().containsKey(id)) {
                key.extension(TufKey.KEY_NAME_EXTENSION).map(KeyName::of).ifPresent(names::add);
            }
        });
        return names;
    }

    /** The signers of every key the root lists for {@code role}; each must be the managed key the key object names. */
    List<RoleSigner> signers(Root root, RoleType role) throws RepositoryException {
        List<RoleSigner> signers = new ArrayList<>();
        for (String id : root.role(role).keyIds()) {
            TufKey key = root.keys().get(id);
            String where = role.jsonName() + " key " + id.substring(0, 12) + "… of root v" + root.version();
            String name = key.extension(TufKey.KEY_NAME_EXTENSION)
                    .orElseThrow(() -> new RepositoryException(Reason.KEY_UNAVAILABLE, where + " names no managed key"));
            try {
                SignatureAlgorithm algorithm = key.supportedScheme()
                        .orElseThrow(() -> new FormatException("unsupported scheme " + key.scheme())).algorithm();
                Signer signer = keys.signer(KeyName.of(name), algorithm);
                if (!Keys.spki(signer.publicKey()).equals(Keys.spki(key.publicKey()))) {
                    throw new RepositoryException(Reason.KEY_UNAVAILABLE, "managed key " + name + " is not the " + where
                            + " (restore keys/" + name + ".pem from a backup)");
                }
                signers.add(new RoleSigner(signer, key));
            } catch (KeyException | FormatException | IllegalArgumentException e) {
                throw new RepositoryException(Reason.KEY_UNAVAILABLE, where + " (" + name + "): " + e.getMessage());
            }
        }
        return signers;
    }

    private TufKey key(KeyName name) throws RepositoryException {
        try {
            Signer signer = keys.signer(name, ALGORITHM);
            return TufKey.of(signer.publicKey(), Map.of(TufKey.KEY_NAME_EXTENSION, name.value()));
        } catch (KeyException | FormatException e) {
            throw new RepositoryException(Reason.KEY_UNAVAILABLE, "key " + name + ": " + e.getMessage());
        }
    }

    static String keyName(RoleType role, long rootVersion) {
        return "tuf-" + role.jsonName() + "-" + rootVersion;
    }
}
