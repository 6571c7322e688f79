package dev.hallmark.core.trust.tuf;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Root metadata (TUF §4.3): the keys of every top-level role and their thresholds. With {@code consistentSnapshot}
 * clients fetch {@code <version>.<role>.json} and hash-prefixed target files.
 */
public record Root(String specVersion, long version, Instant expires, boolean consistentSnapshot,
                   Map<String, TufKey> keys, Map<RoleType, RoleKeys> roles) implements Role {
    public Root {
        RoleChecks.common(specVersion, version, expires);
        keys = Map.copyOf(keys);
        Objects.requireNonNull(roles, "roles");
        EnumMap<RoleType, RoleKeys> copy = new EnumMap<>(RoleType.class);
        copy.putAll(roles);
        for (RoleType type : RoleType.values()) {
            RoleKeys role = copy.get(type);
            if (role == null) {
                throw new IllegalArgumentException("root defines no " + type.jsonName() + " role");
            }
            for (String id : role.keyIds()) {
                if (!keys.containsKey(id)) {
                    throw new IllegalArgumentException(type.jsonName() + " role names unknown key " + id);
                }
            }
        }
        roles = java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public RoleType type() {
        return RoleType.ROOT;
    }

    public RoleKeys role(RoleType type) {
        return roles.get(type);
    }

    /**
     * Checks that a threshold of this root's keys for {@code type} signed {@code metadata} (TUF §5.3.4), as the client
     * does; a repository uses it to tell whether metadata must be re-signed after a key rotation.
     */
    public void checkSignatures(RoleType type, Metadata<?> metadata) throws TufException {
        TufChecks.threshold(this, type, metadata, type.jsonName() + " v" + metadata.signed().version());
    }
}
